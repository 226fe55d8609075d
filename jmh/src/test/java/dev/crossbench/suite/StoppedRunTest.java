package dev.crossbench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossbench.bench.Crossing;
import dev.crossbench.lane.registry.Lanes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A suite run stopped mid-round keeps every fork that finished, in a folder
 * named for how it ended, that scripts/compare reads; killing the launcher
 * ends the JVM it restarted. Each test runs the suite in a subprocess on the
 * Java lane's Crossing benchmarks (2 short iterations; no native harnesses)
 * and stops it once the first fork's result is on disk, while the round's
 * five others still run. Nothing is a timing.
 */
class StoppedRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Crossing on the Java lane: noop and echo x 3 sizes on 1 thread, and the 2 scaling samples on 2. */
    private static final int ROUND = 6;
    /** Every benchmark in the suite's JVM, 2 iterations of 1 s. */
    private static final List<String> NO_FORKS = List.of("-f", "0", "-wi", "0", "-i", "2", "-r", "1s");
    /** 2 forks of 2 iterations each, one per round, as the suite runs (its defaults are at least 3 forks of 5). */
    private static final List<String> FORKS = List.of("-f", "2", "-wi", "0", "-i", "2", "-r", "300ms");

    @Test
    void sigintMidRoundKeepsWhatFinishedInAnInterruptedFolder(@TempDir Path temp) throws Exception {
        Path root = Files.createDirectory(temp.resolve("results"));
        Process suite = start(root, true, FORKS);
        Path running = awaitFirstResult(root, suite);
        List<ProcessHandle> forks = suite.toHandle().descendants().toList();
        signal(suite.pid(), "INT");
        assertTrue(suite.waitFor(60, TimeUnit.SECONDS), "the run should stop");

        Path dir = onlyFolder(root);
        assertTrue(dir.getFileName().toString().endsWith("-interrupted"), dir.toString());
        assertFalse(Files.exists(running), "the -incomplete folder was renamed");
        int kept = results(dir);
        assertTrue(kept >= 1 && kept < ROUND, "finished forks kept, the first round cut short: " + kept);
        for (JsonNode result : JSON.readTree(dir.resolve("jmh-result.json").toFile())) {
            // Saved as the fork ended, with JMH's shape: each fork's iterations apart, "forks" saying how many.
            assertEquals(1, result.get("forks").asInt(), result.toString());
            JsonNode raw = result.get("primaryMetric").get("rawData");
            assertEquals(1, raw.size(), raw.toString());
            raw.forEach(fork -> assertEquals(2, fork.size(), raw.toString()));
        }
        List<String> forksCsv = Files.readAllLines(dir.resolve("forks.csv"));
        assertEquals(kept + 1, forksCsv.size(), "a line per kept fork: " + forksCsv);
        forksCsv.subList(1, forksCsv.size()).forEach(line -> assertTrue(line.contains(",0,1,"), "fork 0, round 1: " + line));
        for (ProcessHandle fork : forks) {
            fork.onExit().get(30, TimeUnit.SECONDS); // the run ends its JMH forks (a TimeoutException if not)
        }
        JsonNode rounds = JSON.readTree(dir.resolve("progress.json").toFile()).get("chunks");
        assertEquals(1, rounds.size(), "only the first round started: " + rounds);
        assertEquals("interrupted", rounds.get(0).get("status").asText(), rounds.toString());
        assertTrue(rounds.get(0).get("message").asText().startsWith(kept + " of " + ROUND + " forks finished"), rounds.toString());
        assertReportSaysMissing(dir, "**round 1 (minimum)** interrupted");
    }

    @Test
    void sigkillMidRoundKeepsWhatFinishedAndShowsTheRoundRunning(@TempDir Path temp) throws Exception {
        Path root = Files.createDirectory(temp.resolve("results"));
        Process suite = start(root, true, NO_FORKS);
        Path running = awaitFirstResult(root, suite);
        suite.destroyForcibly(); // SIGKILL: no hook runs
        assertTrue(suite.waitFor(30, TimeUnit.SECONDS));

        assertEquals(running, onlyFolder(root), "a killed run keeps its -incomplete name");
        int kept = results(running);
        assertTrue(kept >= 1 && kept < ROUND, "finished forks kept: " + kept);
        JsonNode round = JSON.readTree(running.resolve("progress.json").toFile()).get("chunks").get(0);
        assertEquals("running", round.get("status").asText(), "the round it was killed in: " + round);
        assertReportSaysMissing(running, "**round 1 (minimum)** was running when the run stopped");
    }

    @ParameterizedTest
    @ValueSource(strings = {"KILL", "TERM"})
    void killingTheLauncherEndsTheJvmItRestarted(String signal, @TempDir Path temp) throws Exception {
        Path root = Files.createDirectory(temp.resolve("results"));
        // Without LD_PRELOAD the jar restarts itself; signal the launcher, not the restarted JVM.
        Process launcher = start(root, false, NO_FORKS);
        awaitFirstResult(root, launcher);
        List<ProcessHandle> children = launcher.toHandle().children().toList();
        assertEquals(1, children.size(), "one restarted JVM: " + children);
        ProcessHandle child = children.get(0);
        signal(launcher.pid(), signal);
        assertTrue(launcher.waitFor(30, TimeUnit.SECONDS));
        try {
            child.onExit().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            child.destroyForcibly();
            fail("the restarted JVM outlived its launcher");
        }
        Path dir = onlyFolder(root);
        assertTrue(dir.getFileName().toString().endsWith("-interrupted"), "the restarted JVM saved its run: " + dir);
        assertTrue(results(dir) >= 1);
    }

    /** The suite in a new JVM, with (or, to make it restart itself, without) libjsig preloaded. */
    private static Process start(Path root, boolean preloaded, List<String> settings) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dcrossbench.home=" + Lanes.home(), "-D" + Suite.NATIVE_PROPERTY + "=none",
                "-Djmh.ignoreLock=true", // nothing here is a timing: another JMH run's lock need not stop it
                "-cp", System.getProperty("java.class.path"), BenchMain.class.getName(),
                "Crossing", "-p", "lane=java", "--results", root.toString()));
        command.addAll(settings);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log(root).toFile());
        if (!preloaded) {
            builder.environment().remove("LD_PRELOAD");
        }
        return builder.start();
    }

    /** Waits until the run's folder holds its first finished fork; returns the folder. */
    private static Path awaitFirstResult(Path root, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            Optional<Path> dir = folder(root, name -> name.endsWith("-incomplete"));
            if (dir.isPresent() && Files.exists(dir.get().resolve("jmh-result.json"))) {
                return dir.get();
            }
            if (!process.isAlive()) {
                fail("the run ended early: " + Files.readString(log(root)));
            }
            Thread.sleep(50);
        }
        process.destroyForcibly();
        throw new AssertionError("no result within 90 s: " + Files.readString(log(root)));
    }

    private static void signal(long pid, String signal) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).start().waitFor());
    }

    private static Optional<Path> folder(Path root, Predicate<String> name) throws IOException {
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(d -> name.test(d.getFileName().toString())).findFirst();
        }
    }

    private static Path onlyFolder(Path root) throws IOException {
        try (Stream<Path> dirs = Files.list(root)) {
            List<Path> all = dirs.toList();
            assertEquals(1, all.size(), all.toString());
            return all.get(0);
        }
    }

    private static int results(Path dir) throws IOException {
        return JSON.readTree(dir.resolve("jmh-result.json").toFile()).size();
    }

    /** scripts/compare makes the report from the partial run, and its Missing section names what is missing. */
    private static void assertReportSaysMissing(Path dir, String missing) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Lanes.home().resolve("scripts/compare").toString(), dir.toString())
                .redirectErrorStream(true);
        builder.environment().remove("LD_PRELOAD");
        Process compare = builder.start();
        String out = new String(compare.getInputStream().readAllBytes());
        assertTrue(compare.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, compare.exitValue(), out);
        String report = Files.readString(dir.resolve("report.md"));
        String section = report.substring(report.indexOf("## Missing"));
        assertTrue(section.contains(missing), section);
    }

    /** The run's output, beside the results folder. */
    private static Path log(Path root) {
        return root.resolveSibling("run.log");
    }
}
