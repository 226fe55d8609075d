package dev.crossbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossbench.lane.Lanes;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Every benchmark, in every lane, on 1 and 2 threads, for a moment: a broken
 * benchmark (a failing setup check, an op that throws) fails the build. Runs
 * in this JVM (no fork), which already has the lanes loaded. Measures nothing.
 */
class EveryBenchmarkRunsTest {

    @Test
    void everyBenchmarkRunsInEveryLaneOnOneAndTwoThreads(@TempDir Path jsonDir) throws Exception {
        Files.writeString(jsonDir.resolve("a.json"), "{\"a\":[1,2.5,\"x\"]}");
        Files.writeString(jsonDir.resolve("b.json"), "[true,null]");
        System.setProperty(JsonFiles.DIR_PROPERTY, jsonDir.toString());

        List<RunResult> results = new ArrayList<>();
        int planned = 0;
        Options user = new OptionsBuilder()
                .include("^dev\\.crossbench\\.bench\\.")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(20))
                .param("cost", "4")
                .shouldFailOnError(true)
                .build();
        for (Plan.Run run : new Plan(user, BenchMain.DEFAULT_THREADS, false).byThreadCount()) {
            results.addAll(new Runner(run.options()).run());
            planned += run.benchmarks();
        }

        Set<String> ran = new TreeSet<>();
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark().replace("dev.crossbench.bench.", "");
            String lane = result.getParams().getParam("lane");
            ran.add(name + " " + (lane == null ? "-" : lane) + " t" + result.getParams().getThreads());
            double score = result.getPrimaryResult().getScore();
            assertTrue(score > 0 && Double.isFinite(score), name + " scored " + score);
        }
        // Every @Benchmark method of the suite's classes, in every lane if it takes one, on every thread count.
        List<String> expected = new ArrayList<>();
        for (Class<?> benchmarkClass : SuiteSettings.CLASSES) {
            for (Method method : benchmarkClass.getMethods()) {
                if (method.isAnnotationPresent(Benchmark.class)) {
                    for (String lane : takesLane(benchmarkClass, method) ? Lanes.NAMES : List.of("-")) {
                        for (int threads : BenchMain.DEFAULT_THREADS) {
                            expected.add(benchmarkClass.getSimpleName() + "." + method.getName() + " " + lane + " t" + threads);
                        }
                    }
                }
            }
        }
        assertEquals(new TreeSet<>(expected), ran, "is every benchmark class in SuiteSettings.CLASSES?");
        assertEquals(results.size(), planned, "the Plan counts what JMH runs");
    }

    private static boolean takesLane(Class<?> benchmarkClass, Method method) {
        return Plan.params(benchmarkClass, method).stream().anyMatch(field -> field.getName().equals("lane"));
    }
}
