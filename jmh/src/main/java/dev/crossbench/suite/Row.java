package dev.crossbench.suite;

import dev.crossbench.bench.WarmupEvidence;
import dev.crossbench.lane.WayIn;
import dev.crossbench.lane.registry.Lanes;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * One row of the report: a benchmark method with one value of each of its
 * params, on one thread count, and the options of the {@link Plan.Run} it
 * comes from. The suite runs a row's forks one at a time, each a JMH run of
 * its own, in interleaved rounds ({@link Rounds}).
 */
record Row(Class<?> benchmarkClass, String method, Map<String, String> params, int threads, Options runOptions) {
    /** What a fork reaching its lane through Jep starts with: its CPython is Jep's (Lanes.JEP_PROPERTY). */
    static final String JEP_FORK = "-D" + Lanes.JEP_PROPERTY + "=true";
    /** The params that tell a block's rows apart: the lanes and libraries of one case run side by side. */
    static final Set<String> WITHIN_BLOCK = Set.of("lane", "library");

    Row {
        params = Map.copyOf(new TreeMap<>(params));
    }

    /** JMH's name of the benchmark: the class's full name, a dot and the method. */
    String benchmark() {
        return benchmarkClass.getName() + "." + method;
    }

    /** The row's case: the benchmark, the thread count and every param but the lane and the library. */
    String block() {
        return benchmarkClass.getSimpleName() + "." + method + " " + new TreeMap<>(params).entrySet().stream()
                .filter(p -> !WITHIN_BLOCK.contains(p.getKey()))
                .map(p -> p.getKey() + "=" + p.getValue()).collect(Collectors.joining(" ")) + " t" + threads;
    }

    /** How progress lines name the row: "Crossing.echo lane=go size=0 (1 thread)". */
    String label() {
        String values = new TreeMap<>(params).entrySet().stream().map(p -> p.getKey() + "=" + p.getValue())
                .collect(Collectors.joining(" "));
        return benchmarkClass.getSimpleName() + "." + method + (values.isEmpty() ? "" : " " + values)
                + " (" + threads + (threads == 1 ? " thread)" : " threads)");
    }

    /**
     * JMH options that run exactly this row, {@code forks} times: the run's
     * options with every other benchmark method excluded (includes add up in
     * JMH, excludes narrow) and each param set to the row's one value. A lane
     * outside the JVM warms up as long as its class's evidence says it needs
     * ({@link WarmupEvidence#nativeIterations()}), unless the user set -wi. A
     * row through Jep gets a JVM whose CPython is Jep's ({@link #JEP_FORK}).
     */
    Options options(int forks) {
        ChainedOptionsBuilder builder = new OptionsBuilder().parent(runOptions).forks(forks);
        for (Method other : benchmarkClass.getMethods()) {
            if (other.isAnnotationPresent(Benchmark.class) && !other.getName().equals(method)) {
                builder.exclude("^" + Pattern.quote(benchmarkClass.getName() + "." + other.getName()) + "$");
            }
        }
        params.forEach(builder::param);
        String crossing = params.get("crossing");
        Collection<String> append = runOptions.getJvmArgsAppend().orElse(List.of());
        if (crossing != null && WayIn.of(crossing).ownProcess() && !append.contains(JEP_FORK)) {
            // jvmArgsAppend replaces: the run's own go in again.
            List<String> more = new ArrayList<>(append);
            more.add(JEP_FORK);
            builder.jvmArgsAppend(more.toArray(String[]::new));
        }
        WarmupEvidence evidence = benchmarkClass.getAnnotation(WarmupEvidence.class);
        String lane = params.get("lane");
        if (evidence != null && evidence.nativeIterations() > 0 && lane != null && Lanes.NAMES.contains(lane)
                && !Lanes.inJvm(lane) && !runOptions.getWarmupIterations().hasValue()) {
            builder.warmupIterations(evidence.nativeIterations());
        }
        return builder.build();
    }
}
