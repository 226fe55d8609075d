package dev.crossbench.bench;

import dev.crossbench.check.CrossLaneChecks;
import dev.crossbench.lane.JsonLibrary;
import dev.crossbench.lane.Lane;
import dev.crossbench.lane.WayIn;
import dev.crossbench.lane.registry.Lanes;
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
 * parsed to the generic tree in each lane and {@code library}, one file per
 * {@code file} param value. Before timing, every lane and library must parse
 * the file to the same canonical content.
 * Without the property, the suite's plan leaves this benchmark out.
 *
 * <p>Run just this: {@code java -Dcrossbench.json.dir=DIR -jar target/benchmarks.jar JsonFiles}
 */
@Warmup(iterations = 8, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@WarmupEvidence(value = "as JsonParse, whose tree op it runs on other documents", nativeIterations = 3)
@ScalingSample(methods = "tree", params = "library=usual")
public class JsonFiles extends SuiteSettings {
    /** The folder of the user's files: the plan makes one {@code file} value per file in it. */
    public static final String DIR_PROPERTY = "crossbench.json.dir";

    /** One of the user's files in one lane and library, after every lane and library parsed it alike. */
    @State(Scope.Benchmark)
    public static class File extends JsonLane {
        /** A file name in the folder; the plan lists them. */
        @Param({"set-crossbench.json.dir"})
        public String file;

        Lane runtime;
        JsonLibrary role;
        byte[] document;

        @Setup
        public void setUp() throws IOException {
            String dir = System.getProperty(DIR_PROPERTY);
            if (dir == null) {
                throw new IllegalStateException("JsonFiles measures your own files: name their folder with -D" + DIR_PROPERTY + "=DIR");
            }
            document = Files.readAllBytes(Path.of(dir, file));
            CrossLaneChecks.requireSameTree(Lanes.all(), file, document);
            runtime = Lanes.get(lane, WayIn.of(crossing));
            role = JsonLibrary.of(library);
        }
    }

    @Benchmark
    @Measures(op = OpFamily.JSON, variant = "tree", caseParam = "file", carriesDocument = true, optional = true)
    public int tree(File json) {
        return json.runtime.jsonTree(json.role, json.document);
    }
}
