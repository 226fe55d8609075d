package dev.crossbench.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.crossbench.lane.Lanes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.util.Optional;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The whole suite into a new folder {@code <root>/<yyyy-MM-dd-HHmmss>/}: every
 * benchmark class on every thread count, one chunk at a time. After each chunk
 * the raw results so far (jmh-result.json and .csv, as JMH writes them) and
 * progress.json are rewritten, so an interrupted run or a failed benchmark
 * keeps what finished and the report can say what is missing. Beside them,
 * machine-load.json records how much CPU other processes used while each
 * benchmark was measured. Then env.json, and scripts/compare makes
 * summary.csv, report.md, claims.json and the charts.
 */
final class Suite {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final CommandLineOptions options;
    private final List<String> jmhArgs;
    private final List<Integer> threads;
    private final boolean quick;
    private final Path runDir;
    private final List<Chunk> chunks = new ArrayList<>();
    private final List<RunResult> results = new ArrayList<>();
    private final LoadRecorder load = new LoadRecorder(OutputFormatFactory.createFormatInstance(System.out, VerboseMode.NORMAL));
    private MachineLoad.Sample runStart;

    /** One JMH run: a benchmark class on one thread count. */
    private static final class Chunk {
        final String name;
        final Options options;
        final int benchmarks;
        volatile String status = "not run";
        volatile String message = "";

        Chunk(String name, Options options, int benchmarks) {
            this.name = name;
            this.options = options;
            this.benchmarks = benchmarks;
        }
    }

    Suite(CommandLineOptions options, List<String> jmhArgs, List<Integer> threads, boolean quick, Path resultsRoot) {
        this.options = options;
        this.jmhArgs = List.copyOf(jmhArgs);
        this.threads = threads;
        this.quick = quick;
        this.runDir = resultsRoot.resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmmss")));
    }

    /** Runs everything; 0 if every benchmark and the report are done, 1 otherwise (what finished is kept). */
    int run() throws Exception {
        Files.createDirectories(runDir);
        plan();
        int total = chunks.stream().mapToInt(c -> c.benchmarks).sum();
        Map<String, Object> env = Environment.describe(quick, threads, jmhArgs, BenchMain.jsonFiles());
        writeJson("env.json", env);
        runStart = MachineLoad.sample();
        writeProgress();
        System.out.printf("crossbench: %d benchmarks in %d runs%s; results in %s%n",
                total, chunks.size(), quick ? " (quick mode)" : "", runDir);

        Thread onInterrupt = new Thread(this::interrupted);
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        long start = System.nanoTime();
        int done = 0;
        for (int i = 0; i < chunks.size(); i++) {
            Chunk chunk = chunks.get(i);
            System.out.printf("%ncrossbench: run %d of %d: %s, benchmarks %d-%d of %d; %s%n",
                    i + 1, chunks.size(), chunk.name, done + 1, done + chunk.benchmarks, total, timeLeft(start, done, total));
            chunk.status = "running";
            runChunk(chunk);
            done += chunk.benchmarks;
            writeResults();
            writeProgress();
            writeLoad();
        }
        Runtime.getRuntime().removeShutdownHook(onInterrupt);
        env.put("finished", OffsetDateTime.now().toString());
        Environment.recordEnd(env);
        writeJson("env.json", env);

        boolean allDone = chunks.stream().allMatch(c -> c.status.equals("done"));
        int report = compare();
        System.out.printf("%ncrossbench: %s in %s; report: %s%n",
                allDone ? "all benchmarks finished" : "some benchmarks did not finish (see report.md, Missing)",
                Duration.ofNanos(System.nanoTime() - start).withNanos(0).toString().substring(2).toLowerCase(),
                runDir.resolve("report.md"));
        return allDone && report == 0 ? 0 : 1;
    }

    private void plan() throws Exception {
        List<String> files = BenchMain.jsonFiles();
        for (Class<?> benchmarkClass : SuiteSettings.CLASSES) {
            if (benchmarkClass == JsonFiles.class && files.isEmpty()) {
                continue;
            }
            for (int count : threads) {
                ChainedOptionsBuilder builder = new OptionsBuilder()
                        .parent(options)
                        .threads(count)
                        .shouldFailOnError(false);
                // The user's includes (if any) select; excluding the other classes confines this run to one.
                if (options.getIncludes().isEmpty()) {
                    builder.include(classPattern(benchmarkClass));
                }
                for (Class<?> other : SuiteSettings.CLASSES) {
                    if (other != benchmarkClass) {
                        builder.exclude(classPattern(other));
                    }
                }
                BenchMain.withJsonFiles(builder);
                if (quick) {
                    BenchMain.quick(builder);
                }
                Options chunkOptions = builder.build();
                int benchmarks = count(chunkOptions);
                if (benchmarks > 0) {
                    chunks.add(new Chunk(benchmarkClass.getSimpleName() + " on " + count + (count == 1 ? " thread" : " threads"),
                            chunkOptions, benchmarks));
                }
            }
        }
    }

    private static String classPattern(Class<?> benchmarkClass) {
        return "^" + Pattern.quote(benchmarkClass.getName() + ".");
    }

    /** How many benchmarks (methods x param combinations) these options select. */
    private static int count(Options options) {
        int count = 0;
        for (BenchmarkListEntry entry : BenchmarkList.defaultList().find(
                OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT), options.getIncludes(), options.getExcludes())) {
            int combinations = 1;
            Map<String, String[]> params = entry.getParams().orElse(Map.of());
            for (Map.Entry<String, String[]> param : params.entrySet()) {
                Optional<Collection<String>> override = options.getParameter(param.getKey());
                combinations *= override.hasValue() ? override.get().size() : param.getValue().length;
            }
            count += combinations;
        }
        return count;
    }

    private void runChunk(Chunk chunk) {
        try {
            Collection<RunResult> chunkResults = new Runner(chunk.options, load).run();
            int finished = chunkResults.size();
            synchronized (results) {
                results.addAll(chunkResults);
            }
            chunk.status = finished == chunk.benchmarks ? "done" : "partial";
            if (finished < chunk.benchmarks) {
                chunk.message = (chunk.benchmarks - finished) + " of " + chunk.benchmarks + " benchmarks failed: see the JMH output";
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
        System.err.println("crossbench: interrupted; what finished is in " + runDir
                + "; make its report with: scripts/compare " + runDir);
    }

    private void writeResults() {
        synchronized (results) {
            ResultFormatFactory.getInstance(ResultFormatType.JSON, runDir.resolve("jmh-result.json").toString()).writeOut(results);
            ResultFormatFactory.getInstance(ResultFormatType.CSV, runDir.resolve("jmh-result.csv").toString()).writeOut(results);
        }
    }

    /** machine-load.json: other processes' CPU use during each benchmark and the whole run so far. */
    private void writeLoad() throws IOException {
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("about", "cores used by other processes (machine busy time from /proc/stat, less this run's "
                + "own: the runner and its JMH forks) and taken by the hypervisor (steal), on average over "
                + "the whole run so far (run) and over each benchmark's measured iterations; 1.0 = one whole core");
        MachineLoad.Sample now = MachineLoad.sample();
        if (runStart != null && now != null) {
            MachineLoad.Usage usage = MachineLoad.between(runStart, now);
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("seconds", LoadRecorder.round(usage.seconds()));
            run.put("other_cores", LoadRecorder.round(usage.otherCores()));
            run.put("steal_cores", LoadRecorder.round(usage.stealCores()));
            file.put("run", run);
        }
        file.put("benchmarks", load.benchmarks());
        writeJson("machine-load.json", file);
    }

    private synchronized void writeProgress() throws IOException {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Chunk chunk : chunks) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", chunk.name);
            entry.put("benchmarks", chunk.benchmarks);
            entry.put("status", chunk.status);
            entry.put("message", chunk.message);
            list.add(entry);
        }
        writeJson("progress.json", Map.of("chunks", list));
    }

    private void writeJson(String name, Object value) throws IOException {
        JSON.writeValue(runDir.resolve(name).toFile(), value);
    }

    /** scripts/compare RUN_DIR: summary.csv, report.md, charts. Returns its exit code. */
    private int compare() throws IOException, InterruptedException {
        Path compare = Lanes.home().resolve("scripts/compare");
        System.out.println("crossbench: making the report: " + compare + " " + runDir);
        ProcessBuilder builder = new ProcessBuilder(compare.toString(), runDir.toString()).inheritIO();
        builder.environment().remove("LD_PRELOAD"); // libjsig is for JVMs; it warns in other programs
        return builder.start().waitFor();
    }
}
