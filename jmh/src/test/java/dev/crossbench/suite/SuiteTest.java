package dev.crossbench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossbench.lane.registry.Lanes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * The suite's records beside JMH's results (machine-load.json, the load in
 * env.json), and the plain JMH path keeping every thread count's results.
 * Each runs the bare JNI benchmark briefly; nothing here is a timing.
 */
class SuiteTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aRunRecordsTheLoadDuringEveryMeasuredBenchmarkAndTheLoadAverage(@TempDir Path root) throws Exception {
        List<String> args = List.of("BareCall.jni");
        Plan plan = new Plan(new CommandLineOptions(args.toArray(String[]::new)), BenchMain.DEFAULT_THREADS, true);
        // The native harnesses of the suite: only the C floor here (skipped when not built), to stay short.
        System.setProperty(Suite.NATIVE_PROPERTY, "c");
        int code;
        try {
            code = new Suite(plan, args, root).run();
        } finally {
            System.clearProperty(Suite.NATIVE_PROPERTY);
        }
        assertEquals(0, code, "the suite and its report should finish");
        Path run;
        try (Stream<Path> runs = Files.list(root)) {
            run = runs.findFirst().orElseThrow();
        }

        JsonNode load = JSON.readTree(run.resolve("machine-load.json").toFile());
        Set<Integer> threads = new TreeSet<>();
        for (JsonNode benchmark : load.get("benchmarks")) {
            assertEquals("dev.crossbench.bench.BareCall.jni", benchmark.get("benchmark").asText());
            threads.add(benchmark.get("threads").asInt());
            assertEquals(2, benchmark.get("iterations").asInt(), "quick mode measures 2 iterations: " + benchmark);
            double other = benchmark.get("other_cores").asDouble();
            assertTrue(other >= 0 && other <= Runtime.getRuntime().availableProcessors(), benchmark.toString());
        }
        assertEquals(Set.of(1, 2), threads);
        assertTrue(load.get("run").get("seconds").asDouble() > 0, load.toString());

        JsonNode env = JSON.readTree(run.resolve("env.json").toFile());
        assertEquals(3, env.get("load").get("start").size(), env.get("load").toString());
        assertEquals(3, env.get("load").get("end").size(), env.get("load").toString());
        assertTrue(env.has("cpu_frequency"), env.toString());
        JsonNode checks = env.get("cross_lane_checks");
        assertTrue(checks.get("checks").asInt() > 40 && checks.get("failed").asInt() == 0, "every check ran once: " + checks);
        assertEquals(1, env.get("rounds").get("rounds_run").asInt(), "quick mode runs one round: " + env.get("rounds"));
        String report = Files.readString(run.resolve("report.md"));
        assertTrue(report.contains("## Stability") && report.contains("Busiest benchmark"), report);
        assertTrue(Files.exists(run.resolve("claims.json")));
        assertEquals("op,variant,payload,lane,harness,median,ci_low,ci_high,unit",
                Files.readAllLines(run.resolve("native.csv")).get(0), "scripts/native-bench ran on the run folder");
    }

    @Test
    void aPlainRunWithAResultFormatButNoFileKeepsEveryThreadCount(@TempDir Path cwd) throws Exception {
        // JMH writes each run's results to jmh-result.<format> in the working directory;
        // the runs for 1 and 2 threads must not overwrite each other.
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dcrossbench.home=" + Lanes.home(), "-cp", System.getProperty("java.class.path"),
                BenchMain.class.getName(), "BareCall.jni", "--quick", "-rf", "json"));
        Process process = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true)
                .redirectOutput(cwd.resolve("out.txt").toFile()).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the run should end");
        assertEquals(0, process.exitValue(), Files.readString(cwd.resolve("out.txt")));

        Set<Integer> threads = new TreeSet<>();
        for (JsonNode result : JSON.readTree(cwd.resolve("jmh-result.json").toFile())) {
            threads.add(result.get("threads").asInt());
        }
        assertEquals(Set.of(1, 2), threads);
    }
}
