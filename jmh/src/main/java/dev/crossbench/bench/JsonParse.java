package dev.crossbench.bench;

import dev.crossbench.check.CrossLaneChecks;
import dev.crossbench.lane.JsonLibrary;
import dev.crossbench.lane.Lane;
import dev.crossbench.payload.Payload;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JSON parsing, the work of every API endpoint: UTF-8 bytes to the runtime's
 * generic tree ({@code tree}: Jackson JsonNode, Go any, json.loads) and into
 * typed user records ({@code bind}: a Java record, a Go struct, pydantic v2),
 * each with the lane's {@code library}: its usual one, or the fastest
 * well-kept alternative (lane-abi/OPS.md names them). Payloads are arrays of
 * users of about 200 B, 4 KiB and 256 KiB; divide the payload size by the time
 * for bytes/s (the report does).
 *
 * <p>Run just this: {@code java -jar target/benchmarks.jar JsonParse -p lane=go -p library=fast}
 */
@State(Scope.Benchmark)
@Warmup(iterations = 8, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@WarmupEvidence("Jackson is JIT-compiled within 2.5 s on 1 thread and 3 s on 2 threads (bind medium), where the "
        + "compiler competes with both benchmark threads for the 2 cores; Go and Python settle within 1.5 s (the "
        + "first iterations of large payloads grow the heap)")
@ScalingSample(methods = "tree", params = {"payload=medium", "library=usual"})
public class JsonParse extends SuiteSettings {
    /** Set by {@link Plan}: every registered lane, unless -p lane= picks some. */
    @Param(Plan.EVERY_LANE)
    public String lane;

    /** Set by {@link Plan}: every {@link JsonLibrary}, unless -p library= picks some. */
    @Param(Plan.EVERY_LIBRARY)
    public String library;

    @Param({"small", "medium", "large"})
    public String payload;

    private Lane parser;
    private JsonLibrary parsing;
    private byte[] document;

    @Setup
    public void setUp() {
        parser = BenchSetup.checkedLane(lane, CrossLaneChecks.JSON, payload);
        parsing = JsonLibrary.of(library);
        document = Payload.of(payload).bytes();
    }

    @Benchmark
    public int tree() {
        return parser.jsonTree(parsing, document);
    }

    @Benchmark
    public int bind() {
        return parser.jsonBind(parsing, document);
    }
}
