package dev.crossbench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossbench.bench.Bcrypt;
import dev.crossbench.bench.Crossing;
import dev.crossbench.bench.JsonFiles;
import dev.crossbench.bench.Measures;
import dev.crossbench.bench.Requests;
import dev.crossbench.bench.SuiteSettings;
import dev.crossbench.lane.JsonLibrary;
import dev.crossbench.lane.WayIn;
import dev.crossbench.lane.registry.Lanes;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Every benchmark, in every lane and JSON library, on 1 and (with -t 2) 2
 * threads, for a moment: a broken benchmark (a failing setup check, an op that
 * throws) fails the build. And the default plan's 2-thread runs hold exactly
 * the scaling samples. Runs in this JVM (no fork), which already has the lanes
 * loaded. Measures nothing.
 */
class EveryBenchmarkRunsTest {

    @Test
    void everyBenchmarkRunsInEveryLaneAndLibraryOnOneAndTwoThreads(@TempDir Path jsonDir) throws Exception {
        useJsonFiles(jsonDir);
        Set<String> ran = new TreeSet<>();
        ran.addAll(run(new Plan(briefly().build(), List.of(1), false).byThreadCount()));
        ran.addAll(run(new Plan(briefly().threads(2).build(), List.of(2), false).byThreadCount()));

        // Every @Benchmark method of the suite's classes, in every lane and library it takes, on every thread count.
        Set<String> expected = new TreeSet<>();
        for (Class<?> benchmarkClass : SuiteSettings.CLASSES) {
            for (Method method : benchmarkClass.getMethods()) {
                if (method.isAnnotationPresent(Benchmark.class) && availableHere(method)) {
                    for (String lane : takes(benchmarkClass, method, "lane") ? Lanes.NAMES : List.of("-")) {
                        for (String library : takes(benchmarkClass, method, "library") ? roles(lane) : List.of("-")) {
                            for (String way : crossings(benchmarkClass, method, lane)) {
                                for (int threads : BenchMain.DEFAULT_THREADS) {
                                    expected.add(name(benchmarkClass, method) + " " + lane + way + " " + library + " t" + threads);
                                }
                            }
                        }
                    }
                }
            }
        }
        assertEquals(expected, ran, "is every benchmark class in SuiteSettings.CLASSES?");
    }

    @Test
    void theDefaultPlanRunsOnlyTheScalingSamplesOnTwoThreads(@TempDir Path jsonDir) throws Exception {
        useJsonFiles(jsonDir);
        List<Plan.Run> twoThreads = new Plan(briefly().build(), BenchMain.DEFAULT_THREADS, false).byClassAndThreadCount()
                .stream().filter(run -> run.options().getThreads().get() == 2).toList();
        Set<String> ran = run(twoThreads);

        Set<String> expected = new TreeSet<>();
        for (String lane : Lanes.NAMES) {
            for (String way : crossings(Crossing.class, Crossing.class.getMethod("noop", Crossing.Target.class), lane)) {
                expected.addAll(List.of("Crossing.noop " + lane + way + " - t2", "Crossing.echo " + lane + way + " - t2"));
            }
            for (String way : crossings(Bcrypt.class, Bcrypt.class.getMethod("hash"), lane)) {
                expected.addAll(List.of("JsonParse.tree " + lane + way + " usual t2", "JsonFiles.tree " + lane + way + " usual t2",
                        "Bcrypt.hash " + lane + way + " - t2", "Jwt.sign " + lane + way + " - t2"));
                // Requests' sample: the server tier, one line per lane (this test's key leaves the endpoint out).
                expected.add("Requests.serve " + lane + way + " - t2");
            }
        }
        expected.add("BareCall.jni - - t2");
        assertEquals(expected, ran);
    }

    @Test
    void theSuitesRowsAreTheBenchmarksItsRunsSelectEachRunAlone(@TempDir Path jsonDir) throws Exception {
        useJsonFiles(jsonDir);
        Plan plan = new Plan(briefly().build(), BenchMain.DEFAULT_THREADS, false);
        List<Row> rows = plan.rows();
        assertEquals(plan.byClassAndThreadCount().stream().mapToInt(Plan.Run::benchmarks).sum(), rows.size());
        assertEquals(rows.size(), rows.stream().map(Row::label).distinct().count(), "no row twice");
        for (Row row : rows) {
            assertEquals(1, Plan.count(row.options(1)), "a row's options select exactly that row: " + row.label());
        }
    }

    /** The JSON library roles a lane answers: a lane without one runs without it. */
    private static List<String> roles(String lane) {
        return Lanes.get(lane).info().roles().stream().map(JsonLibrary::id).toList();
    }

    private static void useJsonFiles(Path jsonDir) throws Exception {
        Files.writeString(jsonDir.resolve("a.json"), "{\"a\":[1,2.5,\"x\"]}");
        Files.writeString(jsonDir.resolve("b.json"), "[true,null]");
        System.setProperty(JsonFiles.DIR_PROPERTY, jsonDir.toString());
    }

    /** Runs that check every benchmark runs need no primed stack: each JVM primes for 12 s otherwise. */
    @BeforeAll
    static void noPrimer() {
        System.setProperty(Requests.PRIMER_PROPERTY, "0");
    }

    @AfterAll
    static void primerAsUsual() {
        System.clearProperty(Requests.PRIMER_PROPERTY);
    }

    private static ChainedOptionsBuilder briefly() {
        return new OptionsBuilder()
                .include("^dev\\.crossbench\\.bench\\.")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(20))
                .param("cost", "4")
                .shouldFailOnError(true);
    }

    /** Runs them; returns "Class.method lane library tN" of each benchmark that ran, checking its score and the Plan's count. */
    private static Set<String> run(List<Plan.Run> runs) throws Exception {
        List<RunResult> results = new ArrayList<>();
        int planned = 0;
        for (Plan.Run run : runs) {
            results.addAll(new Runner(run.options()).run());
            planned += run.benchmarks();
        }
        assertEquals(planned, results.size(), "the Plan counts what JMH runs");
        Set<String> ran = new TreeSet<>();
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark().replace("dev.crossbench.bench.", "");
            String lane = result.getParams().getParam("lane");
            String crossing = result.getParams().getParam("crossing");
            String library = result.getParams().getParam("library");
            ran.add(name + " " + (lane == null ? "-" : lane) + (crossing == null ? "" : "/" + crossing) + " "
                    + (library == null ? "-" : library)
                    + " t" + result.getParams().getThreads());
            double score = result.getPrimaryResult().getScore();
            assertTrue(score > 0 && Double.isFinite(score), name + " scored " + score);
        }
        return ran;
    }

    private static String name(Class<?> benchmarkClass, Method method) {
        return benchmarkClass.getSimpleName() + "." + method.getName();
    }

    /**
     * "/way" for each way in the method takes the lane through in this JVM, with no forks (its crossing
     * param's placeholder says which; Jep's need forks of their own); "" if it has no crossing param.
     */
    private static List<String> crossings(Class<?> benchmarkClass, Method method, String lane) {
        return Plan.params(benchmarkClass, method).stream().filter(field -> field.getName().equals("crossing")).findFirst()
                .map(field -> {
                    boolean tollToo = field.getAnnotation(Param.class).value()[0].equals(SuiteSettings.EVERY_TOLL_CROSSING);
                    return Lanes.waysIn(lane).stream()
                            .filter(way -> Lanes.unavailable(way) == null && !way.ownProcess() && (tollToo || way.everyOp()))
                            .map(way -> "/" + way.id()).toList();
                }).orElse(List.of(""));
    }

    /** Whether a bare call's way in is one this JVM has (FFM's is left out before JDK 22). */
    private static boolean availableHere(Method method) {
        Measures measures = method.getAnnotation(Measures.class);
        return measures == null || measures.reference().isEmpty() || Lanes.unavailable(WayIn.of(measures.reference())) == null;
    }

    private static boolean takes(Class<?> benchmarkClass, Method method, String param) {
        return Plan.params(benchmarkClass, method).stream().anyMatch(field -> field.getName().equals(param));
    }
}
