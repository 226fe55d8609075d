package dev.crossbench.suite;

import dev.crossbench.bench.JsonFiles;
import dev.crossbench.bench.ScalingSample;
import dev.crossbench.lane.Printable;
import dev.crossbench.lane.registry.Lanes;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Defaults;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * The main of {@code target/benchmarks.jar}: JMH's command line, with three
 * things added.
 * <ul>
 * <li>The JVM restarts itself with HotSpot's signal chaining preloaded and
 *     GOMAXPROCS set, if it lacks them (every JMH fork inherits both).
 * <li>Every benchmark runs on 1 thread, then each class's {@link ScalingSample}
 *     on 2 threads, so scaling shows; {@code -t N} runs every benchmark on N
 *     threads only, as usual in JMH.
 * <li>The {@code library} param of the JSON benchmarks is every
 *     {@link dev.crossbench.lane.JsonLibrary}, unless {@code -p library=} picks some.
 * <li>{@code JsonFiles} runs only when {@code -Dcrossbench.json.dir=DIR} names
 *     a folder, with one param value per file in it.
 * <li>The {@code lane} param is every registered lane, unless {@code -p lane=}
 *     picks some.
 * </ul>
 * {@link Plan} makes these additions, for this path and the suite alike.
 * {@code --results DIR} turns this into the whole suite ({@link Suite}):
 * a new folder under DIR with the raw results, env.json and the report.
 * {@code --quick} runs everything briefly.
 */
public final class BenchMain {
    /** One thread, then as many as this machine has cores for a benchmark: 2 here. */
    static final List<Integer> DEFAULT_THREADS = List.of(1, 2);
    /** Set in the restarted JVM, so a start that still lacks something fails instead of looping. */
    private static final String RELAUNCHED = "CROSSBENCH_RELAUNCHED";
    /**
     * Set in the restarted JVM whose stdin is a pipe from the launcher: the
     * pipe's end (the launcher gone, even by SIGKILL) stops the restarted JVM.
     */
    static final String WATCH_LAUNCHER = "CROSSBENCH_WATCH_LAUNCHER";

    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        String missing = Lanes.missingStartSetting();
        if (missing != null) {
            if (System.getenv(RELAUNCHED) != null) {
                System.err.println("crossbench: " + Printable.line(missing));
                System.exit(1);
            }
            System.exit(relaunched(args));
        }
        if (System.getenv(WATCH_LAUNCHER) != null) {
            watchLauncher();
        }
        String notice = dev.crossbench.lane.registry.Jdk.notice();
        if (notice != null) {
            System.err.println(notice);
        }
        List<String> jmhArgs = new ArrayList<>(List.of(args));
        Path resultsRoot = null;
        boolean quick = jmhArgs.remove("--quick");
        int results = jmhArgs.indexOf("--results");
        if (results >= 0) {
            if (results + 1 >= jmhArgs.size()) {
                System.err.println("crossbench: --results needs a folder");
                System.exit(2);
            }
            resultsRoot = Path.of(jmhArgs.remove(results + 1));
            jmhArgs.remove(results);
        }

        CommandLineOptions options;
        try {
            options = new CommandLineOptions(jmhArgs.toArray(String[]::new));
        } catch (CommandLineOptionException e) {
            System.err.println("crossbench: " + Printable.line(e.getMessage()));
            System.exit(2);
            return;
        }
        if (options.shouldHelp() || options.shouldList() || options.shouldListWithParams()
                || options.shouldListProfilers() || options.shouldListResultFormats()) {
            org.openjdk.jmh.Main.main(jmhArgs.toArray(String[]::new));
            return;
        }
        List<Integer> threads = options.getThreads().hasValue() ? List.of(options.getThreads().get()) : DEFAULT_THREADS;
        Plan plan = new Plan(options, threads, quick);
        if (resultsRoot != null) {
            System.exit(new Suite(plan, jmhArgs, resultsRoot).run());
        }
        runPlain(options, plan);
    }

    /** JMH as usual, once per thread count; results merged into the file -rff names, if any. */
    private static void runPlain(CommandLineOptions options, Plan plan) throws Exception {
        List<RunResult> all = new ArrayList<>();
        List<Plan.Run> runs = plan.byThreadCount();
        for (Plan.Run run : runs) {
            System.out.println("crossbench: running " + run.benchmarks() + " benchmarks " + run.name());
            all.addAll(new Runner(run.options()).run());
        }
        // Each thread count's run wrote its own results over the last one's; write them all.
        if ((options.getResult().hasValue() || options.getResultFormat().hasValue()) && runs.size() > 1) {
            ResultFormatType format = options.getResultFormat().orElse(Defaults.RESULT_FORMAT);
            String file = resultFile(options, format);
            ResultFormatFactory.getInstance(format, file).writeOut(all);
            System.out.println("crossbench: results of every thread count in " + file);
        }
    }

    /** Where JMH writes results: -rff, else jmh-result.<format>, named as JMH's Runner names it. */
    static String resultFile(CommandLineOptions options, ResultFormatType format) {
        return options.getResult().orElse(Defaults.RESULT_FILE_PREFIX + "." + format.toString().toLowerCase());
    }

    /**
     * Starts this same command again in a JVM that preloads libjsig and has
     * GOMAXPROCS (default: the number of CPUs), and returns its exit code.
     * The restarted JVM ends with this one: a shutdown hook here stops it
     * (Ctrl-C, SIGTERM), and it stops itself when its stdin, a pipe from here,
     * closes, which is also what SIGKILL of this JVM does.
     */
    private static int relaunched(String[] args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> jvmArgs = ManagementFactory.getRuntimeMXBean().getInputArguments();
        command.addAll(jvmArgs);
        for (String arg : dev.crossbench.lane.registry.Jdk.laneArgs()) {
            if (!jvmArgs.contains(arg)) {
                command.add(arg);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(BenchMain.class.getName());
        command.addAll(List.of(args));
        ProcessBuilder restart = new ProcessBuilder(command).inheritIO().redirectInput(ProcessBuilder.Redirect.PIPE);
        String preload = System.getenv("LD_PRELOAD");
        restart.environment().put("LD_PRELOAD", Lanes.libjsig() + (preload == null ? "" : File.pathSeparator + preload));
        restart.environment().put(RELAUNCHED, "1");
        restart.environment().put(WATCH_LAUNCHER, "1");
        restart.environment().putIfAbsent("GOMAXPROCS", String.valueOf(Runtime.getRuntime().availableProcessors()));
        System.err.println("crossbench: restarting with LD_PRELOAD=" + restart.environment().get("LD_PRELOAD")
                + " GOMAXPROCS=" + restart.environment().get("GOMAXPROCS") + " (the Go and Python lanes need both)");
        Process process = restart.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (process.isAlive()) {
                process.destroy();
                try {
                    // Let it save what finished and name its folder before this JVM ends.
                    process.waitFor(30, TimeUnit.SECONDS);
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "crossbench-stop-child"));
        return process.waitFor();
    }

    /**
     * In the restarted JVM: stop when the launcher is gone. Its stdin is a
     * pipe whose only writer is the launcher, so end-of-file means the launcher
     * ended, however it ended; this JVM then exits through its shutdown hooks
     * (the suite keeps what finished and ends its JMH forks).
     */
    private static void watchLauncher() {
        Thread watcher = new Thread(() -> {
            try {
                byte[] buffer = new byte[256];
                while (System.in.read(buffer) >= 0) {
                    // nothing is ever sent; only the end matters
                }
            } catch (IOException ignored) {
                // a broken pipe is an end too
            }
            System.err.println("crossbench: the launcher has ended; stopping");
            System.exit(1);
        }, "crossbench-watch-launcher");
        watcher.setDaemon(true);
        watcher.start();
    }
}
