package dev.crossbench.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
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
@WarmupEvidence(value = "as JsonParse: the same libraries, the same records; not studied on its own",
        nativeIterations = 3)
public class JsonWrite extends SuiteSettings {
    private int records;

    /** Binds the payload once and keeps the records in the runtime (JMH sets {@code json} up first). */
    @Setup
    public void keep(JsonPayload json) {
        records = json.runtime.jsonKeep(json.role, json.document);
    }

    @Benchmark
    @Measures(op = OpFamily.JSON, variant = "write", caseParam = "payload", carriesDocument = true)
    public int write(JsonPayload json) {
        return json.runtime.jsonWrite(records);
    }

    @TearDown
    public void release(JsonPayload json) {
        json.runtime.jsonRelease(records);
    }
}
