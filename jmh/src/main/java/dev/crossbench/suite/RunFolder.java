package dev.crossbench.suite;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;

/**
 * A run's folder and the files the suite keeps in it as it goes: the raw
 * results as JMH writes them (jmh-result.json, .csv), forks.csv, progress.json,
 * machine-load.json and env.json. Each is written whole to a temporary file
 * and renamed over the old one, so what is on disk is always complete, even
 * if the run is killed mid-write.
 * <p>
 * The run writes into {@code <root>/<name>-incomplete/} and renames it at the
 * end: to {@code <name>} when the run ran to its end, {@code <name>-interrupted}
 * when it was stopped (a run killed outright keeps the {@code -incomplete}
 * name). {@code <name>} is the start time, {@code yyyy-MM-dd-HHmmss}, with
 * {@code -2}, {@code -3}, ... added when a folder of that name, finished or
 * not, already exists: each run gets a folder of its own, reserved with an
 * atomic mkdir, so two runs started in the same second never share one.
 */
final class RunFolder {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper ONE_LINE = new ObjectMapper();
    static final String INCOMPLETE = "-incomplete";
    static final String INTERRUPTED = "-interrupted";

    /** A round's entry in progress.json (its key, "chunks", is older than the rounds). */
    record Progress(String name, int benchmarks, String status, String message) {}

    private final Path root;
    private final String name;
    private Path dir;

    RunFolder(Path resultsRoot) throws IOException {
        this(resultsRoot, LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmmss")));
    }

    /** A new folder for a run started at {@code stamp}; never one that exists. */
    RunFolder(Path resultsRoot, String stamp) throws IOException {
        root = resultsRoot;
        Files.createDirectories(root);
        for (int n = 1; ; n++) {
            String candidate = n == 1 ? stamp : stamp + "-" + n;
            Path reserved = root.resolve(candidate + INCOMPLETE);
            try {
                Files.createDirectory(reserved); // atomic: exactly one run gets it
            } catch (FileAlreadyExistsException taken) {
                continue;
            }
            // Our -incomplete folder is new, so no run of this name can still be
            // writing; one may have finished (and been renamed) before we looked.
            if (Files.exists(root.resolve(candidate), LinkOption.NOFOLLOW_LINKS)
                    || Files.exists(root.resolve(candidate + INTERRUPTED), LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(reserved);
                continue;
            }
            name = candidate;
            dir = reserved;
            return;
        }
    }

    /** Where the run's files are now. */
    synchronized Path dir() {
        return dir;
    }

    /** The name the folder gets when the run ends. */
    Path finalDir() {
        return root.resolve(name);
    }

    /** The run ran to its end: the folder takes its final name. Returns where it is. */
    synchronized Path finish() throws IOException {
        return renameTo(name);
    }

    /** The run was stopped: the folder keeps what finished under a name that says so. Returns where it is. */
    synchronized Path interrupted() throws IOException {
        return renameTo(name + INTERRUPTED);
    }

    private Path renameTo(String target) throws IOException {
        Path to = root.resolve(target);
        if (!dir.equals(to)) {
            // Not REPLACE_EXISTING: should the name be taken after all, this fails and the run keeps its folder.
            Files.move(dir, to);
            dir = to;
        }
        return dir;
    }

    synchronized void writeResults(Collection<RunResult> results) throws IOException {
        for (ResultFormatType format : List.of(ResultFormatType.JSON, ResultFormatType.CSV)) {
            Path file = dir.resolve("jmh-result." + format.toString().toLowerCase());
            Path partial = temporary(file);
            ResultFormatFactory.getInstance(format, partial.toString()).writeOut(results);
            replace(partial, file);
        }
    }

    /**
     * forks.csv: every fork so far, with the round it ran in, its block and
     * order there, when it started and how long it took (wall time, JVM start
     * included) and why it ran; {@code fork} is its index in the row's rawData.
     */
    synchronized void writeForks(List<Rounds.Fork> forks) throws IOException {
        StringBuilder csv = new StringBuilder("benchmark,params,threads,fork,round,block,order,started,seconds,reason\n");
        for (Rounds.Fork fork : forks) {
            String params = ONE_LINE.writeValueAsString(new TreeMap<>(fork.row().params()));
            csv.append(String.join(",", fork.row().benchmark(), quoted(params), String.valueOf(fork.row().threads()),
                    String.valueOf(fork.index()), String.valueOf(fork.round()), String.valueOf(fork.block()),
                    String.valueOf(fork.order()), fork.started().toString(),
                    String.format(Locale.ROOT, "%.3f", fork.seconds()), quoted(fork.reason()))).append('\n');
        }
        Path target = dir.resolve("forks.csv");
        Path partial = temporary(target);
        Files.writeString(partial, csv);
        replace(partial, target);
    }

    /** A CSV field in double quotes, its quotes doubled (RFC 4180). */
    private static String quoted(String field) {
        return '"' + field.replace("\"", "\"\"") + '"';
    }

    synchronized void writeProgress(List<Progress> chunks) throws IOException {
        writeJson("progress.json", Map.of("chunks", chunks));
    }

    synchronized void writeEnv(Map<String, Object> env) throws IOException {
        writeJson("env.json", env);
    }

    /** machine-load.json: other processes' CPU use during the run so far (null if unknown) and each benchmark. */
    synchronized void writeLoad(MachineLoad.Usage run, List<Map<String, Object>> benchmarks) throws IOException {
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("about", "cores used by other processes (machine busy time from /proc/stat, less this run's "
                + "own: the runner and its JMH forks) and taken by the hypervisor (steal), on average over "
                + "the whole run so far (run) and over each benchmark's measured iterations; 1.0 = one whole core");
        if (run != null) {
            Map<String, Object> whole = new LinkedHashMap<>();
            whole.put("seconds", LoadRecorder.round(run.seconds()));
            whole.put("other_cores", LoadRecorder.round(run.otherCores()));
            whole.put("steal_cores", LoadRecorder.round(run.stealCores()));
            file.put("run", whole);
        }
        file.put("benchmarks", benchmarks);
        writeJson("machine-load.json", file);
    }

    private void writeJson(String file, Object value) throws IOException {
        Path target = dir.resolve(file);
        Path partial = temporary(target);
        JSON.writeValue(partial.toFile(), value);
        replace(partial, target);
    }

    private static Path temporary(Path file) {
        return file.resolveSibling("." + file.getFileName() + ".partial");
    }

    private static void replace(Path partial, Path file) throws IOException {
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
