package dev.crossbench.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;

/**
 * A run's folder, {@code <root>/<yyyy-MM-dd-HHmmss>/}, and the files the suite
 * keeps in it as it goes: the raw results as JMH writes them
 * (jmh-result.json, .csv), progress.json, machine-load.json and env.json.
 * Each is rewritten whole, so what is on disk is always complete.
 */
final class RunFolder {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** A chunk's entry in progress.json. */
    record Progress(String name, int benchmarks, String status, String message) {}

    private final Path dir;

    RunFolder(Path resultsRoot) throws IOException {
        dir = resultsRoot.resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmmss")));
        Files.createDirectories(dir);
    }

    Path dir() {
        return dir;
    }

    void writeResults(Collection<RunResult> results) {
        ResultFormatFactory.getInstance(ResultFormatType.JSON, dir.resolve("jmh-result.json").toString()).writeOut(results);
        ResultFormatFactory.getInstance(ResultFormatType.CSV, dir.resolve("jmh-result.csv").toString()).writeOut(results);
    }

    void writeProgress(List<Progress> chunks) throws IOException {
        writeJson("progress.json", Map.of("chunks", chunks));
    }

    void writeEnv(Map<String, Object> env) throws IOException {
        writeJson("env.json", env);
    }

    /** machine-load.json: other processes' CPU use during the run so far (null if unknown) and each benchmark. */
    void writeLoad(MachineLoad.Usage run, List<Map<String, Object>> benchmarks) throws IOException {
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

    private void writeJson(String name, Object value) throws IOException {
        JSON.writeValue(dir.resolve(name).toFile(), value);
    }
}
