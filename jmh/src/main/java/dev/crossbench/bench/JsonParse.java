package dev.crossbench.bench;

import dev.crossbench.check.CrossLaneChecks;
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
 * typed user records ({@code bind}: a Java record, a Go struct, pydantic v2).
 * Payloads are arrays of users of about 200 B, 4 KiB and 256 KiB; divide the
 * payload size by the time for bytes/s (the report does).
 *
 * <p>Run just this: {@code java -jar target/benchmarks.jar JsonParse -p lane=go}
 */
@State(Scope.Benchmark)
@Warmup(iterations = 8, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@WarmupEvidence("Jackson is JIT-compiled within 2.5 s on 1 thread and 3 s on 2 threads (bind medium), where the "
        + "compiler competes with both benchmark threads for the 2 cores; Go and Python settle within 1.5 s (the "
        + "first iterations of large payloads grow the heap)")
public class JsonParse extends SuiteSettings {
    /** Set by {@link Plan}: every registered lane, unless -p lane= picks some. */
    @Param(Plan.EVERY_LANE)
    public String lane;

    @Param({"small", "medium", "large"})
    public String payload;

    private Lane parser;
    private byte[] document;

    @Setup
    public void setUp() {
        parser = BenchSetup.checkedLane(lane, CrossLaneChecks.JSON, payload);
        document = Payload.of(payload).bytes();
    }

    @Benchmark
    public int tree() {
        return parser.jsonTree(dev.crossbench.lane.JsonLibrary.USUAL, document);
    }

    @Benchmark
    public int bind() {
        return parser.jsonBind(dev.crossbench.lane.JsonLibrary.USUAL, document);
    }
}
