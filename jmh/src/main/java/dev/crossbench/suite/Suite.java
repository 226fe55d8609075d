package dev.crossbench.suite;

import dev.crossbench.lane.registry.Lanes;
import java.io.IOException;
import java.nio.file.Files;
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
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The whole suite into a new {@link RunFolder}: the {@link Plan}'s chunks
 * (every benchmark class on every thread count), one at a time. As each
 * benchmark ends, and as each chunk starts and ends, the raw results so far,
 * progress.json (which chunk is running, how many of its benchmarks finished)
 * and machine-load.json (how much CPU other processes used while each
 * benchmark was measured) are rewritten, so an interrupted or killed run, or a
 * failed benchmark, keeps what finished and the report can say what is
 * missing. Then an untimed pass counts the bytes every op allocates
 * ({@link MemoryPass}: memory.csv), the runtimes' own harnesses on the same corpus
 * (scripts/native-bench: go test, pyperf, the C floor) write native.csv, then
 * env.json; the folder takes its final name, and scripts/compare makes
 * summary.csv, report.md, claims.json and the charts. A run stopped by a
 * signal (Ctrl-C, kill) renames its folder {@code <name>-interrupted} and ends
 * its JMH forks and other children on the way out.
 */
final class Suite {
    /**
     * Which of scripts/native-bench's harnesses the suite runs: a native lane's
     * own harness ({@code go-test}, {@code pyperf}) or the C floor ({@code c}),
     * comma-separated, or {@code none}; all when unset.
     */
    static final String NATIVE_PROPERTY = "crossbench.native";

    private final Plan plan;
    private final List<String> jmhArgs;
    private final RunFolder folder;
    private final List<Chunk> chunks = new ArrayList<>();
    /** Results of the chunks that ended (as their Runner returned them). */
    private final List<RunResult> results = new ArrayList<>();
    /** Results of the running chunk's benchmarks that ended so far; replaced by the Runner's own when it returns. */
    private final List<RunResult> chunkSoFar = new ArrayList<>();
    /** Guards results, chunk statuses and the folder against the shutdown hook. */
    private final Object lock = new Object();
    /** True once the folder has its final name, or the run is being stopped (and the folder renamed so). */
    private boolean folderNamed;
    /** True once the run is being stopped (the shutdown hook, or a failure): nothing more is written. */
    private boolean stopping;
    private Map<String, Object> env;
    private final LoadRecorder load = new LoadRecorder(OutputFormatFactory.createFormatInstance(System.out, VerboseMode.NORMAL));
    private MachineLoad.Sample runStart;

    /** One planned run and how it went. */
    private static final class Chunk {
        final Plan.Run run;
        volatile String status = "not run";
        volatile String message = "";
        volatile int finished;

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
        env = Environment.describe(plan.quick(), plan.threads(), jmhArgs, plan.jsonFiles());
        folder.writeEnv(env);
        runStart = MachineLoad.sample();
        writeProgress();
        System.out.printf("crossbench: %d benchmarks in %d runs%s; results in %s (renamed %s when the run ends)%n",
                total, chunks.size(), plan.quick() ? " (quick mode)" : "", folder.dir(), folder.finalDir().getFileName());

        Thread onStop = new Thread(this::stopped, "crossbench-stopped");
        Runtime.getRuntime().addShutdownHook(onStop);
        try {
            return runChunksAndReport(total);
        } catch (Exception | Error e) {
            stopped(); // a failure of the suite itself: keep what finished, under a name that says so
            throw e;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onStop);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run
            }
        }
    }

    private int runChunksAndReport(int total) throws Exception {
        long start = System.nanoTime();
        int done = 0;
        for (int i = 0; i < chunks.size(); i++) {
            Chunk chunk = chunks.get(i);
            int benchmarks = chunk.run.benchmarks();
            System.out.printf("%ncrossbench: run %d of %d: %s, benchmarks %d-%d of %d; %s%n",
                    i + 1, chunks.size(), chunk.run.name(), done + 1, done + benchmarks, total, timeLeft(start, done, total));
            synchronized (lock) {
                if (stopping) {
                    break;
                }
                chunk.status = "running";
                chunk.message = "0 of " + benchmarks + " benchmarks finished";
                writeProgress(); // on disk before it runs: a run killed now shows which chunk it was in
            }
            runChunk(chunk);
            done += benchmarks;
            synchronized (lock) {
                saveSoFar();
            }
        }
        synchronized (lock) {
            if (stopping) {
                return 1;
            }
        }
        memoryPass();
        int nativeBench = nativeBench();
        Path dir;
        synchronized (lock) {
            if (stopping) {
                return 1;
            }
            env.put("finished", OffsetDateTime.now().toString());
            Environment.recordEnd(env);
            folder.writeEnv(env);
            try {
                folder.finish();
            } catch (IOException e) {
                System.err.println("crossbench: cannot rename " + folder.dir() + " to " + folder.finalDir() + ": " + e);
            }
            folderNamed = true;
            dir = folder.dir();
        }

        boolean allDone = chunks.stream().allMatch(c -> c.status.equals("done"));
        int report = compare(dir);
        System.out.printf("%ncrossbench: %s in %s; report: %s%n",
                allDone ? "all benchmarks finished" : "some benchmarks did not finish (see report.md, Missing)",
                Duration.ofNanos(System.nanoTime() - start).withNanos(0).toString().substring(2).toLowerCase(),
                dir.resolve("report.md"));
        if (nativeBench != 0) {
            System.out.println("crossbench: the runtimes' own harnesses did not all finish (see above); native.csv has what did");
        }
        return allDone && report == 0 && nativeBench == 0 ? 0 : 1;
    }

    private void runChunk(Chunk chunk) {
        int planned = chunk.run.benchmarks();
        try {
            Collection<RunResult> chunkResults = new Runner(chunk.run.options(),
                    new BenchmarkEnds(load, result -> benchmarkFinished(chunk, result))).run();
            int finished = chunkResults.size();
            synchronized (lock) {
                if (stopping) {
                    return;
                }
                chunkSoFar.clear();
                results.addAll(chunkResults);
                chunk.finished = finished;
                chunk.status = finished == planned ? "done" : "partial";
                chunk.message = finished == planned ? ""
                        : (planned - finished) + " of " + planned + " benchmarks failed: see the JMH output";
            }
        } catch (Exception e) {
            synchronized (lock) {
                // What finished before the failure stays.
                results.addAll(chunkSoFar);
                chunkSoFar.clear();
                chunk.status = "failed";
                chunk.message = chunk.finished + " of " + planned + " benchmarks finished; " + e.getMessage();
            }
        }
    }

    /** One benchmark of the running chunk ended: its result goes on disk now. */
    private void benchmarkFinished(Chunk chunk, RunResult result) {
        synchronized (lock) {
            if (stopping) {
                return; // the folder has what finished, and its name says so
            }
            chunkSoFar.add(result);
            chunk.finished++;
            chunk.message = chunk.finished + " of " + chunk.run.benchmarks() + " benchmarks finished";
            try {
                saveSoFar();
            } catch (IOException e) {
                System.err.println("crossbench: cannot save the results so far in " + folder.dir() + ": " + e);
            }
        }
    }

    /** The raw results, progress and machine load so far, each file rewritten whole. Holds the lock. */
    private void saveSoFar() throws IOException {
        if (stopping) {
            return;
        }
        List<RunResult> all = new ArrayList<>(results);
        all.addAll(chunkSoFar);
        folder.writeResults(all);
        writeProgress();
        MachineLoad.Sample now = MachineLoad.sample();
        folder.writeLoad(runStart == null || now == null ? null : MachineLoad.between(runStart, now), load.benchmarks());
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

    /**
     * The JVM is stopping before the run's end (Ctrl-C, SIGTERM, or the
     * launcher gone): every finished benchmark is on disk already; record
     * which chunk was cut short, name the folder so, and end this run's child
     * processes (JMH forks, the native harnesses) rather than leave them running.
     */
    private void stopped() {
        Path dir = null;
        synchronized (lock) {
            if (!folderNamed) {
                folderNamed = true;
                stopping = true;
                for (Chunk chunk : chunks) {
                    if (chunk.status.equals("running")) {
                        chunk.status = "interrupted";
                        chunk.message = chunk.finished + " of " + chunk.run.benchmarks()
                                + " benchmarks finished before the run was stopped";
                    }
                }
                try {
                    writeProgress();
                    if (env != null) {
                        env.put("interrupted", OffsetDateTime.now().toString());
                        folder.writeEnv(env);
                    }
                    dir = folder.interrupted();
                } catch (IOException e) {
                    dir = folder.dir();
                    System.err.println("crossbench: " + e);
                }
            }
        }
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroy);
        if (dir != null) {
            System.err.println("crossbench: interrupted; what finished is in " + dir
                    + "; make its report with: scripts/compare " + dir);
        }
    }

    private void writeProgress() throws IOException {
        synchronized (lock) {
            folder.writeProgress(chunks.stream()
                    .map(c -> new RunFolder.Progress(c.run.name(), c.run.benchmarks(), c.status, c.message))
                    .toList());
        }
    }

    /** Bytes allocated per op of every benchmark that ran on 1 thread ({@link MemoryPass}), into memory.csv. */
    private void memoryPass() {
        List<Options> oneThread = chunks.stream().map(c -> c.run.options())
                .filter(options -> options.getThreads().orElse(1) == 1).toList();
        if (oneThread.isEmpty()) {
            System.out.println("\ncrossbench: bytes per op: skipped (nothing ran on 1 thread)");
            return;
        }
        System.out.println("\ncrossbench: bytes allocated per op, an untimed pass of every benchmark on 1 thread");
        List<MemoryPass.Count> counts = new MemoryPass(plan.quick()).run(oneThread);
        synchronized (lock) {
            if (stopping) {
                return;
            }
            try {
                MemoryPass.write(folder.dir(), counts);
            } catch (IOException e) {
                System.err.println("crossbench: cannot write " + MemoryPass.FILE + " in " + folder.dir() + ": " + e);
            }
        }
    }

    /**
     * scripts/native-bench RUN_DIR (--quick in quick mode): the same ops on the
     * same corpus, timed by each native lane's own harness and the C floor, into
     * native.csv. It gets the lanes as {@code crossbench lanes --config} prints
     * them from this JVM, which has them at hand (that command needs the jar,
     * which the tests that run the suite come before). Returns its exit code.
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
        Path lanes = Files.createTempFile("crossbench-lanes-", ".tsv");
        try {
            Files.write(lanes, Lanes.nativeConfig());
            command.addAll(List.of("--lanes", lanes.toString(), folder.dir().toString()));
            System.out.println("\ncrossbench: the runtimes' own harnesses on the corpus: " + String.join(" ", command));
            ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
            builder.environment().remove("LD_PRELOAD"); // libjsig is for JVMs
            return builder.start().waitFor();
        } finally {
            Files.deleteIfExists(lanes);
        }
    }

    /** scripts/compare RUN_DIR: summary.csv, report.md, charts. Returns its exit code. */
    private int compare(Path dir) throws IOException, InterruptedException {
        Path compare = Lanes.home().resolve("scripts/compare");
        System.out.println("crossbench: making the report: " + compare + " " + dir);
        ProcessBuilder builder = new ProcessBuilder(compare.toString(), dir.toString()).inheritIO();
        builder.environment().remove("LD_PRELOAD"); // libjsig is for JVMs; it warns in other programs
        return builder.start().waitFor();
    }
}
