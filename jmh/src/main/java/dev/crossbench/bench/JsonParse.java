package dev.crossbench.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JSON parsing, the work of every API endpoint: UTF-8 bytes to the runtime's
 * generic tree ({@code tree}: Jackson JsonNode, Go any, json.loads) and into
 * typed user records ({@code bind}: a Java record, a Go struct, pydantic v2),
 * each with the lane's {@code library}: its usual one, or the fastest
 * well-kept alternative (lane-abi/OPS.md names them). Payloads are arrays of
 * users of about 200 B, 4 KiB and 256 KiB ({@link JsonPayload}); divide the
 * payload size by the time for bytes/s (the report does).
 *
 * <p>Run just this: {@code java -jar target/benchmarks.jar JsonParse -p lane=go -p library=fast}
 */
@Warmup(iterations = 8, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@WarmupEvidence(value = "Jackson is JIT-compiled within 2.5 s on 1 thread and 3 s on 2 threads (bind medium), where the "
        + "compiler competes with both benchmark threads for the 2 cores; Go and Python settle within 1.5 s (the "
        + "first iterations of large payloads grow the heap)", nativeIterations = 3)
@ScalingSample(methods = "tree", params = {"payload=medium", "library=usual"})
public class JsonParse extends SuiteSettings {

    @Benchmark
    @Measures(op = OpFamily.JSON, variant = "tree", caseParam = "payload", carriesDocument = true)
    public int tree(JsonPayload json) {
        return json.runtime.jsonTree(json.role, json.document);
    }

    @Benchmark
    @Measures(op = OpFamily.JSON, variant = "bind", caseParam = "payload", carriesDocument = true)
    public int bind(JsonPayload json) {
        return json.runtime.jsonBind(json.role, json.document);
    }
}
