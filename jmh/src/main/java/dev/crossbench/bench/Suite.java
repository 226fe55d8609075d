package dev.crossbench.bench;

import dev.crossbench.lane.Lanes;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The whole suite into a new {@link RunFolder}: the {@link Plan}'s chunks
 * (every benchmark class on every thread count), one at a time. After each
 * chunk the raw results so far, progress.json and machine-load.json (how much
 * CPU other processes used while each benchmark was measured) are rewritten,
 * so an interrupted run or a failed benchmark keeps what finished and the
 * report can say what is missing. Then the runtimes' own harnesses on the
 * same corpus (scripts/native-bench: go test, pyperf, the C floor) write
 * native.csv, then env.json, and scripts/compare makes summary.csv,
 * report.md, claims.json and the charts.
 */
final class Suite {
    /**
     * Which of scripts/native-bench's harnesses the suite runs: {@code go},
     * {@code python}, {@code c}, comma-separated, or {@code none}; all when unset.
     */
    static final String NATIVE_PROPERTY = "crossbench.native";

    private final Plan plan;
    private final List<String> jmhArgs;
    private final RunFolder folder;
    private final List<Chunk> chunks = new ArrayList<>();
    private final List<RunResult> results = new ArrayList<>();
    private final LoadRecorder load = new LoadRecorder(OutputFormatFactory.createFormatInstance(System.out, VerboseMode.NORMAL));
    private MachineLoad.Sample runStart;

    /** One planned run and how it went. */
    private static final class Chunk {
        final Plan.Run run;
        volatile String status = "not run";
        volatile String message = "";

        Chunk(Plan.Run run) {
            this.run = run;
        }
    }

    Suite(Plan plan, List<String> jmhArgs, Path resultsRoot) throws IOException {
        this.plan = plan;
        this.jmhArgs = List.copyOf(jmhArgs);
        this.folder = new RunFolder(resultsRoot);
        plan.byClassAndThreadCount().forEach(run -> chunks.add(new Chunk(run)));
    }

    /** Runs everything; 0 if every benchmark and the report are done, 1 otherwise (what finished is kept). */
    int run() throws Exception {
        int total = chunks.stream().mapToInt(c -> c.run.benchmarks()).sum();
        Map<String, Object> env = Environment.describe(plan.quick(), plan.threads(), jmhArgs, plan.jsonFiles());
        folder.writeEnv(env);
        runStart = MachineLoad.sample();
        writeProgress();
        System.out.printf("crossbench: %d benchmarks in %d runs%s; results in %s%n",
                total, chunks.size(), plan.quick() ? " (quick mode)" : "", folder.dir());

        Thread onInterrupt = new Thread(this::interrupted);
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        long start = System.nanoTime();
        int done = 0;
        for (int i = 0; i < chunks.size(); i++) {
            Chunk chunk = chunks.get(i);
            int benchmarks = chunk.run.benchmarks();
            System.out.printf("%ncrossbench: run %d of %d: %s, benchmarks %d-%d of %d; %s%n",
                    i + 1, chunks.size(), chunk.run.name(), done + 1, done + benchmarks, total, timeLeft(start, done, total));
            chunk.status = "running";
            runChunk(chunk);
            done += benchmarks;
            synchronized (results) {
                folder.writeResults(results);
            }
            writeProgress();
            MachineLoad.Sample now = MachineLoad.sample();
            folder.writeLoad(runStart == null || now == null ? null : MachineLoad.between(runStart, now), load.benchmarks());
        }
        Runtime.getRuntime().removeShutdownHook(onInterrupt);
        int nativeBench = nativeBench();
        env.put("finished", OffsetDateTime.now().toString());
        Environment.recordEnd(env);
        folder.writeEnv(env);

        boolean allDone = chunks.stream().allMatch(c -> c.status.equals("done"));
        int report = compare();
        System.out.printf("%ncrossbench: %s in %s; report: %s%n",
                allDone ? "all benchmarks finished" : "some benchmarks did not finish (see report.md, Missing)",
                Duration.ofNanos(System.nanoTime() - start).withNanos(0).toString().substring(2).toLowerCase(),
                folder.dir().resolve("report.md"));
        if (nativeBench != 0) {
            System.out.println("crossbench: the runtimes' own harnesses did not all finish (see above); native.csv has what did");
        }
        return allDone && report == 0 && nativeBench == 0 ? 0 : 1;
    }

    private void runChunk(Chunk chunk) {
        int planned = chunk.run.benchmarks();
        try {
            Collection<RunResult> chunkResults = new Runner(chunk.run.options(), load).run();
            int finished = chunkResults.size();
            synchronized (results) {
                results.addAll(chunkResults);
            }
            chunk.status = finished == planned ? "done" : "partial";
            if (finished < planned) {
                chunk.message = (planned - finished) + " of " + planned + " benchmarks failed: see the JMH output";
            }
        } catch (Exception e) {
            chunk.status = "failed";
            chunk.message = String.valueOf(e.getMessage());
        }
    }

    private static String timeLeft(long start, int done, int total) {
        if (done == 0) {
            return "time left: estimating";
        }
        long elapsed = System.nanoTime() - start;
        long left = elapsed / done * (total - done);
        return "elapsed " + minutes(elapsed) + ", about " + minutes(left) + " left";
    }

    private static String minutes(long nanos) {
        long seconds = nanos / 1_000_000_000L;
        return seconds / 60 + "m" + String.format("%02d", seconds % 60) + "s";
    }

    /** Ctrl-C: the finished chunks are on disk; record which one was cut short. */
    private void interrupted() {
        for (Chunk chunk : chunks) {
            if (chunk.status.equals("running")) {
                chunk.status = "interrupted";
                chunk.message = "the run was interrupted";
            }
        }
        try {
            writeProgress();
        } catch (IOException ignored) {
            // nothing more to save while the JVM stops
        }
        System.err.println("crossbench: interrupted; what finished is in " + folder.dir()
                + "; make its report with: scripts/compare " + folder.dir());
    }

    private synchronized void writeProgress() throws IOException {
        folder.writeProgress(chunks.stream()
                .map(c -> new RunFolder.Progress(c.run.name(), c.run.benchmarks(), c.status, c.message))
                .toList());
    }

    /**
     * scripts/native-bench RUN_DIR (--quick in quick mode): the same ops on the
     * same corpus, timed by go test, pyperf and the C floor, into native.csv.
     * Returns its exit code.
     */
    private int nativeBench() throws IOException, InterruptedException {
        Path script = Lanes.home().resolve("scripts/native-bench");
        List<String> command = new ArrayList<>(List.of(script.toString()));
        if (plan.quick()) {
            command.add("--quick");
        }
        String only = System.getProperty(NATIVE_PROPERTY, "").strip();
        if (only.equals("none")) {
            System.out.println("\ncrossbench: the runtimes' own harnesses: skipped (-D" + NATIVE_PROPERTY + "=none)");
            return 0;
        }
        for (String harness : only.isEmpty() ? List.<String>of() : List.of(only.split(","))) {
            command.add("--only");
            command.add(harness.strip());
        }
        command.add(folder.dir().toString());
        System.out.println("\ncrossbench: the runtimes' own harnesses on the corpus: " + String.join(" ", command));
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().remove("LD_PRELOAD"); // libjsig is for JVMs
        return builder.start().waitFor();
    }

    /** scripts/compare RUN_DIR: summary.csv, report.md, charts. Returns its exit code. */
    private int compare() throws IOException, InterruptedException {
        Path compare = Lanes.home().resolve("scripts/compare");
        System.out.println("crossbench: making the report: " + compare + " " + folder.dir());
        ProcessBuilder builder = new ProcessBuilder(compare.toString(), folder.dir().toString()).inheritIO();
        builder.environment().remove("LD_PRELOAD"); // libjsig is for JVMs; it warns in other programs
        return builder.start().waitFor();
    }
}
