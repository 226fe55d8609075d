package dev.crossbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossbench.lane.Lanes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
        List<String> expected = new ArrayList<>();
        for (String benchmark : List.of("Bcrypt.hash", "Bcrypt.verify", "Crossing.echo", "Crossing.noop", "JsonFiles.tree",
                "JsonParse.bind", "JsonParse.tree", "Jwt.sign", "Jwt.verify")) {
            for (String lane : Lanes.NAMES) {
                for (int threads : BenchMain.DEFAULT_THREADS) {
                    expected.add(benchmark + " " + lane + " t" + threads);
                }
            }
        }
        expected.add("Crossing.jni - t1");
        expected.add("Crossing.jni - t2");
        assertEquals(new TreeSet<>(expected), ran);
        // per thread count and lane, params multiplied out: Bcrypt 2; Crossing echo 3 sizes + noop; JsonFiles 2
        // files; JsonParse 2 x 3 payloads; Jwt 2; and once, the bare jni call
        int perThreadCount = Lanes.NAMES.size() * (2 + 3 + 1 + 2 + 6 + 2) + 1;
        assertEquals(BenchMain.DEFAULT_THREADS.size() * perThreadCount, results.size());
        assertEquals(results.size(), planned, "the Plan counts what JMH runs (is every benchmark class in SuiteSettings.CLASSES?)");
    }
}
