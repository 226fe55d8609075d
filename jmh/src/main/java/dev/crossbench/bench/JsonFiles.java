package dev.crossbench.bench;

import dev.crossbench.check.CrossLaneChecks;
import dev.crossbench.lane.Lane;
import dev.crossbench.lane.Lanes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Your own JSON: every file of the folder named by {@code -Dcrossbench.json.dir=DIR}
 * parsed to the generic tree in each lane, one file per {@code file} param value.
 * Before timing, every lane must parse the file to the same canonical content.
 * Without the property, {@link BenchMain} leaves this benchmark out.
 *
 * <p>Run just this: {@code java -Dcrossbench.json.dir=DIR -jar target/benchmarks.jar JsonFiles}
 */
@State(Scope.Benchmark)
@Warmup(iterations = 8, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@WarmupEvidence("as JsonParse, whose tree op it runs on other documents")
public class JsonFiles extends SuiteSettings {
    static final String DIR_PROPERTY = "crossbench.json.dir";

    /** Set by {@link Plan}: every registered lane, unless -p lane= picks some. */
    @Param(Plan.EVERY_LANE)
    public String lane;

    /** A file name in the folder; {@link BenchMain} lists them. */
    @Param({"set-crossbench.json.dir"})
    public String file;

    private Lane parser;
    private byte[] document;

    @Setup
    public void setUp() throws IOException {
        String dir = System.getProperty(DIR_PROPERTY);
        if (dir == null) {
            throw new IllegalStateException("JsonFiles measures your own files: name their folder with -D" + DIR_PROPERTY + "=DIR");
        }
        document = Files.readAllBytes(Path.of(dir, file));
        CrossLaneChecks.requireSameTree(Lanes.all(), file, document);
        parser = Lanes.get(lane);
    }

    @Benchmark
    public int tree() {
        return parser.jsonTree(dev.crossbench.lane.JsonLibrary.USUAL, document);
    }
}
