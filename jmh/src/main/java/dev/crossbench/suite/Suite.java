package dev.crossbench.suite;

import dev.crossbench.check.CrossLaneChecks.Check;
import dev.crossbench.check.CrossLaneChecks;
import dev.crossbench.lane.LaneException;
import dev.crossbench.lane.WayIn;
import dev.crossbench.lane.registry.Lanes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The whole suite into a new {@link RunFolder}: every row of the {@link Plan}
 * in interleaved rounds ({@link Rounds}): one fork of each row per round, in
 * a seeded random order, at least {@value #MINIMUM_ROUNDS} rounds, then more
 * for the rows whose interval is still wide, up to {@value #CAP} forks, while
 * the run's time budget lasts. As each fork ends, the raw results so far
 * (each row's forks merged into one JMH result), forks.csv (each fork's round,
 * block, order and start), progress.json (the rounds and how far each got)
 * and machine-load.json (how much CPU other processes used while each
 * benchmark was measured) are rewritten, so an interrupted or killed run, or
 * a failed fork, keeps what finished and the report can say what is missing.
 * Then an untimed pass counts the bytes every op allocates
 * ({@link MemoryPass}: memory.csv), the runtimes' own harnesses on the same
 * corpus (scripts/native-bench: go test, pyperf, the C floor) write
 * native.csv, then env.json; the folder takes its final name, and
 * scripts/compare makes summary.csv, report.md, claims.json and the charts. A
 * run stopped by a signal (Ctrl-C, kill) renames its folder
 * {@code <name>-interrupted} and ends its JMH forks and other children on the
 * way out.
 */
final class Suite {
    /**
     * Which of scripts/native-bench's harnesses the suite runs: a native lane's
     * own harness ({@code go-test}, {@code pyperf}) or the C floor ({@code c}),
     * comma-separated, or {@code none}; all when unset.
     */
    static final String NATIVE_PROPERTY = "crossbench.native";
    /** The run's seed for the rounds' order (a long); random when unset. env.json records it. */
    static final String SEED_PROPERTY = "crossbench.seed";
    /** The whole run's time budget in minutes: the extra rounds stop in time for what follows them. */
    static final String BUDGET_PROPERTY = "crossbench.budget";
    static final int BUDGET_MINUTES = 75;
    /**
     * What follows the rounds: the memory pass (3 min), the runtimes' own
     * harnesses (10 min) and the report (under 1 min) in results/2026-12-06-173947.
     */
    static final int AFTER_ROUNDS_MINUTES = 14;
    /** Forks every row gets; -f N sets another minimum (-f 0: one round in this JVM). */
    static final int MINIMUM_ROUNDS = 3;
    /** The most forks a row gets. */
    static final int CAP = 8;

    private final Plan plan;
    private final List<String> jmhArgs;
    private final RunFolder folder;
    private final Rounds rounds;
    private final int forksPerRun;
    private final long budgetNanos;
    private final long start = System.nanoTime();
    /** Guards the folder and the stop against the shutdown hook. */
    private final Object lock = new Object();
    /** True once the folder has its final name, or the run is being stopped (and the folder renamed so). */
    private boolean folderNamed;
    /** True once the run is being stopped (the shutdown hook, or a failure): nothing more is written. */
    private boolean stopping;
    private Map<String, Object> env;
    private final LoadRecorder load = new LoadRecorder(OutputFormatFactory.createFormatInstance(System.out, VerboseMode.NORMAL));
    private MachineLoad.Sample runStart;

    Suite(Plan plan, List<String> jmhArgs, Path resultsRoot) throws IOException {
        this.plan = plan;
        this.jmhArgs = List.copyOf(jmhArgs);
        this.folder = new RunFolder(resultsRoot);
        Options user = plan.userOptions();
        // In quick mode, and with -f 0, a row runs once in this JVM (forks 0): one round.
        int userForks = user.getForkCount().orElse(MINIMUM_ROUNDS);
        this.forksPerRun = plan.quick() || userForks == 0 ? 0 : 1;
        int minimum = forksPerRun == 0 ? 1 : userForks;
        int cap = forksPerRun == 0 ? 1 : Math.max(minimum, CAP);
        plan.checksInRunner();
        String seed = System.getProperty(SEED_PROPERTY);
        this.budgetNanos = Long.getLong(BUDGET_PROPERTY, BUDGET_MINUTES) * 60_000_000_000L;
        this.rounds = new Rounds(plan.rows(), seed == null ? new Random().nextLong() : Long.parseLong(seed.strip()),
                minimum, cap, start + budgetNanos - AFTER_ROUNDS_MINUTES * 60_000_000_000L, System::nanoTime);
    }

    /** Runs everything; 0 if every benchmark and the report are done, 1 otherwise (what finished is kept). */
    int run() throws Exception {
        env = Environment.describe(plan.quick(), plan.threads(), jmhArgs, plan.jsonFiles());
        env.put("rounds", roundsInfo());
        folder.writeEnv(env);
        runStart = MachineLoad.sample();
        writeProgress();
        System.out.printf("crossbench: %d benchmarks, at least %d fork%s each in interleaved rounds (seed %d)%s; "
                        + "results in %s (renamed %s when the run ends)%n",
                plan.rows().size(), rounds.minimum(), rounds.minimum() == 1 ? "" : "s", rounds.seed(),
                plan.quick() ? " (quick mode)" : "", folder.dir(), folder.finalDir().getFileName());

        if (!checkLanes()) {
            return 1;
        }
        Thread onStop = new Thread(this::stopped, "crossbench-stopped");
        Runtime.getRuntime().addShutdownHook(onStop);
        try {
            return runRoundsAndReport();
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

    /**
     * Every cross-lane check, once, in this JVM, before any fork (which then
     * skips its group's checks): the lanes prove they do the same work on the
     * same bytes before anything is measured. False, with every failure named,
     * if they do not; nothing is measured then. Its count and time go into
     * env.json.
     */
    private boolean checkLanes() throws IOException {
        long begin = System.nanoTime();
        // Through every way in this JVM reaches (a way of a JVM of its own, Jep, is checked in its forks);
        // a way measured for the crossing alone (JNA) is checked on it alone.
        List<Map.Entry<WayIn, Check>> checks = new ArrayList<>();
        for (WayIn wayIn : List.of(WayIn.JNI, WayIn.FFM, WayIn.JNA)) {
            if (Lanes.unavailable(wayIn) == null) {
                for (Check check : CrossLaneChecks.all(Lanes.allThrough(wayIn))) {
                    if (wayIn.everyOp() || check.group().equals(CrossLaneChecks.CROSSING)) {
                        checks.add(Map.entry(wayIn, check));
                    }
                }
            }
        }
        System.out.printf("crossbench: the cross-lane checks, once for the whole run: %d checks%n", checks.size());
        List<String> failures = new ArrayList<>();
        for (Map.Entry<WayIn, Check> entry : checks) {
            Check check = entry.getValue();
            try {
                check.run();
            } catch (CrossLaneChecks.CheckFailure | LaneException e) {
                failures.add(entry.getKey().id() + ": " + check.group() + " " + check.name() + ": " + e.getMessage());
            }
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("checks", checks.size());
        info.put("failed", failures.size());
        info.put("seconds", Math.round(seconds * 10) / 10.0);
        env.put("cross_lane_checks", info);
        folder.writeEnv(env);
        if (!failures.isEmpty()) {
            System.err.println("crossbench: the lanes disagree; refusing to measure:\n  " + String.join("\n  ", failures));
            return false;
        }
        // Quick mode's benchmarks run in this JVM: their setups skip the checks too.
        System.setProperty(CrossLaneChecks.DONE_IN_RUNNER, "true");
        System.out.printf("crossbench: all %d passed in %.1f s; the forks skip them%n", checks.size(), seconds);
        return true;
    }

    /** The rounds' settings and how they ended, for env.json. */
    private Map<String, Object> roundsInfo() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("seed", rounds.seed());
        info.put("minimum", rounds.minimum());
        info.put("cap", rounds.cap());
        info.put("budget_minutes", budgetNanos / 60_000_000_000L);
        info.put("after_rounds_minutes", AFTER_ROUNDS_MINUTES);
        info.put("settled_when", String.format("the 95%% t interval of the forks' log medians is within ±%.0f%% and "
                + "no two forks are more than %.0f%% apart", 100 * Settling.HALF_WIDTH, 100 * Settling.FORK_SPREAD));
        info.put("rounds_run", rounds.rounds().size());
        info.put("forks_run", rounds.forks().size());
        info.put("stopped_by", rounds.stoppedBy());
        info.put("seconds", Math.round((System.nanoTime() - start) / 1e9));
        return info;
    }

    private int runRoundsAndReport() throws Exception {
        rounds.run(this::runFork, new Rounds.Listener() {
            private List<Row> order = List.of();

            @Override
            public void roundStarting(Rounds.Round round, List<Row> order) {
                this.order = order;
                System.out.printf("%ncrossbench: round %d (%s): %d benchmarks; %s%n", round.number(),
                        round.kind().equals(Rounds.MINIMUM) ? "every benchmark" : "those not yet settled",
                        order.size(), elapsedAndLeft(round.number(), 0, order));
                synchronized (lock) {
                    try {
                        writeProgress(); // the results wait for the round's first fork
                    } catch (IOException e) {
                        System.err.println("crossbench: cannot write progress.json in " + folder.dir() + ": " + e);
                    }
                }
            }

            @Override
            public void forkStarting(Rounds.Round round, int position, Row row) {
                System.out.printf("%ncrossbench: round %d, %d of %d: %s; %s%n", round.number(), position,
                        round.planned(), row.label(), elapsedAndLeft(round.number(), position - 1, order));
            }

            @Override
            public void forkEnded(Row row, boolean ok) {
                saveQuietly();
            }
        });
        synchronized (lock) {
            if (stopping) {
                return 1;
            }
            env.put("rounds", roundsInfo());
            saveSoFar();
        }
        System.out.printf("%ncrossbench: rounds ended (%s) after %d forks in %d rounds%n", rounds.stoppedBy(),
                rounds.forks().size(), rounds.rounds().size());
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

        boolean allDone = rounds.failedRows().isEmpty();
        int report = compare(dir);
        System.out.printf("%ncrossbench: %s in %s; report: %s%n",
                allDone ? "all benchmarks finished" : "some benchmarks failed (see report.md, Missing)",
                minutes(System.nanoTime() - start), dir.resolve("report.md"));
        if (nativeBench != 0) {
            System.out.println("crossbench: the runtimes' own harnesses did not all finish (see above); native.csv has what did");
        }
        return allDone && report == 0 && nativeBench == 0 ? 0 : 1;
    }

    /** One fork of one row, a JMH run of its own; JMH prints it as usual, and the load recorder listens. */
    private RunResult runFork(Row row) throws Exception {
        Collection<RunResult> results = new Runner(row.options(forksPerRun), load).run();
        return results.isEmpty() ? null : results.iterator().next();
    }

    private void saveQuietly() {
        synchronized (lock) {
            try {
                saveSoFar();
            } catch (IOException e) {
                System.err.println("crossbench: cannot save the results so far in " + folder.dir() + ": " + e);
            }
        }
    }

    /** The raw results, forks, progress and machine load so far, each file rewritten whole. Holds the lock. */
    private void saveSoFar() throws IOException {
        if (stopping) {
            return;
        }
        folder.writeResults(rounds.results());
        folder.writeForks(rounds.forks());
        writeProgress();
        MachineLoad.Sample now = MachineLoad.sample();
        folder.writeLoad(runStart == null || now == null ? null : MachineLoad.between(runStart, now), load.benchmarks());
    }

    private String elapsedAndLeft(int round, int position, List<Row> order) {
        long elapsed = System.nanoTime() - start;
        double left = rounds.minimumSecondsLeft(round, position, order);
        String leftWords = round > rounds.minimum() ? "extra forks until the rows settle or the budget ends"
                : left == 0 ? "estimating" : "about " + minutes((long) (left * 1e9)) + " left in the minimum rounds";
        return "elapsed " + minutes(elapsed) + ", " + leftWords;
    }

    private static String minutes(long nanos) {
        long seconds = nanos / 1_000_000_000L;
        return seconds / 60 + "m" + String.format("%02d", seconds % 60) + "s";
    }

    /**
     * The JVM is stopping before the run's end (Ctrl-C, SIGTERM, or the
     * launcher gone): every finished fork is on disk already; record which
     * round was cut short, name the folder so, and end this run's child
     * processes (JMH forks, the native harnesses) rather than leave them running.
     */
    private void stopped() {
        Path dir = null;
        rounds.stop();
        synchronized (lock) {
            if (!folderNamed) {
                folderNamed = true;
                try {
                    writeProgress(true);
                    stopping = true;
                    if (env != null) {
                        env.put("rounds", roundsInfo());
                        env.put("interrupted", OffsetDateTime.now().toString());
                        folder.writeEnv(env);
                    }
                    dir = folder.interrupted();
                } catch (IOException e) {
                    stopping = true;
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

    /** progress.json: each round, how many of its forks finished or failed, and how it ended. */
    private void writeProgress() throws IOException {
        writeProgress(false);
    }

    private void writeProgress(boolean interrupted) throws IOException {
        synchronized (lock) {
            if (stopping) {
                return; // the stop wrote the last progress.json, and the folder may have moved
            }
            List<RunFolder.Progress> progress = new ArrayList<>();
            for (Rounds.Round round : rounds.rounds()) {
                String status = interrupted && round.status().equals("running") ? "interrupted"
                        : round.status().equals("done") && round.failed() > 0 ? "partial" : round.status();
                String message = round.finished() + " of " + round.planned() + " forks finished"
                        + (round.failed() == 0 ? "" : ", " + round.failed() + " failed: see the JMH output");
                progress.add(new RunFolder.Progress("round " + round.number() + " (" + round.kind() + ")",
                        round.planned(), status, message));
            }
            folder.writeProgress(progress);
        }
    }

    /** Bytes allocated per op of every benchmark that ran on 1 thread ({@link MemoryPass}), into memory.csv. */
    private void memoryPass() {
        List<Options> oneThread = plan.byClassAndThreadCount().stream().map(Plan.Run::options)
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
