package dev.crossbench.bench;

import dev.crossbench.check.CrossLaneChecks;
import dev.crossbench.lane.Lane;
import dev.crossbench.payload.Payload;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
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
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class JsonParse {
    @Param({"java", "go", "python"})
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
        return parser.jsonTree(document);
    }

    @Benchmark
    public int bind() {
        return parser.jsonBind(document);
    }
}
