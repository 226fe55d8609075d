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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JSON writing, the other half of every API endpoint: the user records that
 * {@link JsonParse}'s {@code bind} makes, bound once in setup and kept in the
 * runtime, serialised back to JSON bytes (a response body) by the same
 * {@code library}. Returns the byte count; the bytes stay in the runtime, as
 * the parsed tree does. The cross-lane checks compare the canonical (RFC 8785)
 * digests of what every lane and library writes.
 *
 * <p>Run just this: {@code java -jar target/benchmarks.jar JsonWrite -p lane=python -p library=fast}
 */
@State(Scope.Benchmark)
@Warmup(iterations = 8, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@WarmupEvidence("as JsonParse: the same libraries, the same records; not studied on its own")
public class JsonWrite extends SuiteSettings {
    /** Set by {@link Plan}: every registered lane, unless -p lane= picks some. */
    @Param(Plan.EVERY_LANE)
    public String lane;

    /** Set by {@link Plan}: every {@link JsonLibrary}, unless -p library= picks some. */
    @Param(Plan.EVERY_LIBRARY)
    public String library;

    @Param({"small", "medium", "large"})
    public String payload;

    private Lane writer;
    private int records;

    @Setup
    public void setUp() {
        writer = BenchSetup.checkedLane(lane, CrossLaneChecks.JSON, payload);
        records = writer.jsonKeep(JsonLibrary.of(library), Payload.of(payload).bytes());
    }

    @Benchmark
    public int write() {
        return writer.jsonWrite(records);
    }

    @TearDown
    public void tearDown() {
        writer.jsonRelease(records);
    }
}
