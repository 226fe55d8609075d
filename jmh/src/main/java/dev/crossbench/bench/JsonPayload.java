package dev.crossbench.bench;

import dev.crossbench.check.CrossLaneChecks;
import dev.crossbench.lane.JsonLibrary;
import dev.crossbench.lane.Lane;
import dev.crossbench.payload.Payload;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One of the generated payloads (arrays of users of about 200 B, 4 KiB and
 * 256 KiB) in one lane and library, after the lanes have shown they agree on
 * it: what {@link JsonParse} and {@link JsonWrite} run on.
 */
@State(Scope.Benchmark)
public class JsonPayload extends JsonLane {
    @Param({"small", "medium", "large"})
    public String payload;

    Lane runtime;
    JsonLibrary role;
    byte[] document;

    @Setup
    public void setUp() {
        runtime = BenchSetup.checkedLane(lane, crossing, CrossLaneChecks.JSON, payload);
        role = JsonLibrary.of(library);
        document = Payload.of(payload).bytes();
    }
}
