package dev.crossbench.suite;

import dev.crossbench.bench.ClaimSteps;
import dev.crossbench.bench.Measures;
import dev.crossbench.bench.OpFamily;
import dev.crossbench.bench.ScalingSample;
import dev.crossbench.bench.SuiteSettings;
import dev.crossbench.lane.JsonLibrary;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * What every benchmark of the suite measures, in the words of the results:
 * the op families and their variants, the JSON library roles, each
 * benchmark's op, variant and case param (from its {@link Measures}), and the
 * steps each claim is judged on ({@link ClaimSteps}). The suite writes it into
 * env.json as {@code catalogue}, beside {@code format}, the results format
 * version; scripts/compare reads it there and so names no Java class.
 * results/README.md describes the formats.
 */
public final class Catalogue {
    /**
     * The results format this code writes. 1: every run before the catalogue
     * (results/format-1.json holds what those runs lack). 2: env.json carries
     * the catalogue and each lane's own harness.
     */
    public static final int FORMAT = 2;

    private Catalogue() {}

    /** The catalogue as env.json holds it. */
    public static Map<String, Object> describe() {
        Map<String, Object> catalogue = new LinkedHashMap<>();
        List<Map<String, Object>> families = new ArrayList<>();
        for (OpFamily family : OpFamily.values()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("op", family.id());
            entry.put("work", family.work());
            entry.put("variants", family.variants());
            families.add(entry);
        }
        catalogue.put("families", families);
        Map<String, Object> library = new LinkedHashMap<>();
        library.put("param", "library");
        library.put("roles", Arrays.stream(JsonLibrary.values()).map(JsonLibrary::id).toList());
        catalogue.put("library", library);
        catalogue.put("benchmarks", benchmarks().stream().map(Catalogue::describe).toList());
        Map<String, Object> claims = new TreeMap<>();
        ClaimSteps.CLAIMS.forEach((number, steps) -> claims.put(String.valueOf(number), steps.stream().map(step -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("label", step.label());
            entry.put("op", step.op().id());
            entry.put("variant", step.variant());
            entry.put("params", step.params());
            return entry;
        }).toList()));
        catalogue.put("claims", claims);
        return catalogue;
    }

    /**
     * Every benchmark method of {@link SuiteSettings#CLASSES}, in the report's
     * order: by op family, then class (in the suite's order), then variant.
     * Throws if a benchmark lacks {@link Measures} or names a variant its
     * family does not have, so no benchmark reaches the report undescribed.
     */
    static List<Method> benchmarks() {
        List<Method> methods = new ArrayList<>();
        for (Class<?> benchmarkClass : SuiteSettings.CLASSES) {
            for (Method method : benchmarkClass.getMethods()) {
                if (!method.isAnnotationPresent(Benchmark.class)) {
                    continue;
                }
                Measures measures = method.getAnnotation(Measures.class);
                if (measures == null) {
                    throw new IllegalStateException(name(method) + " has no @Measures: say what it measures");
                }
                if (measures.variant().isEmpty() == measures.variantParam().isEmpty()) {
                    throw new IllegalStateException(name(method) + ": @Measures names a variant or a variantParam, one of them");
                }
                if (!measures.variant().isEmpty() && !measures.op().variants().contains(measures.variant())) {
                    throw new IllegalStateException(name(method) + ": " + measures.op().id() + " has no variant '"
                            + measures.variant() + "'; its variants: " + measures.op().variants());
                }
                methods.add(method);
            }
        }
        methods.sort(Comparator.<Method>comparingInt(m -> m.getAnnotation(Measures.class).op().ordinal())
                .thenComparingInt(m -> SuiteSettings.CLASSES.indexOf(m.getDeclaringClass()))
                .thenComparingInt(m -> m.getAnnotation(Measures.class).op().variants().indexOf(m.getAnnotation(Measures.class).variant())));
        return methods;
    }

    private static Map<String, Object> describe(Method method) {
        Measures measures = method.getAnnotation(Measures.class);
        List<String> params = Plan.params(method.getDeclaringClass(), method).stream().map(Field::getName).sorted().toList();
        for (String param : List.of(measures.caseParam(), measures.variantParam())) {
            if (!param.isEmpty() && !params.contains(param)) {
                throw new IllegalStateException(name(method) + ": '" + param + "' is not one of its params " + params);
            }
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("benchmark", name(method));
        entry.put("class", method.getDeclaringClass().getSimpleName());
        entry.put("method", method.getName());
        entry.put("op", measures.op().id());
        entry.put("variant", measures.variant());
        entry.put("variant_param", measures.variantParam());
        entry.put("case_param", measures.caseParam());
        entry.put("carries_document", measures.carriesDocument());
        entry.put("toll", measures.toll());
        entry.put("reference", measures.reference());
        entry.put("optional", measures.optional());
        entry.put("params", params);
        entry.put("scaling_sample", scalingSample(method, params));
        return entry;
    }

    /**
     * The params ("k=v k=v", those of the benchmark's own) with which the
     * suite also runs it on 2 threads by default (its class's
     * {@link ScalingSample}), or null if it runs on 1 thread only: what a run
     * made with the default threads is missing if it lacks them.
     */
    private static String scalingSample(Method method, List<String> params) {
        ScalingSample sample = method.getDeclaringClass().getAnnotation(ScalingSample.class);
        if (sample == null || !Pattern.compile(sample.methods()).matcher(method.getName()).matches()) {
            return null;
        }
        return String.join(" ", Arrays.stream(sample.params()).filter(p -> params.contains(p.split("=")[0])).sorted().toList());
    }

    /** JMH's name of a benchmark: the class's full name and the method's. */
    static String name(Method method) {
        return method.getDeclaringClass().getName() + "." + method.getName();
    }
}
