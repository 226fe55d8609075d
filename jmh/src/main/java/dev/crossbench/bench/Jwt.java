package dev.crossbench.bench;

import dev.crossbench.check.CrossLaneChecks;
import dev.crossbench.lane.Lane;
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
 * JWT, the cost of every authenticated request: HS256 {@code sign} of fixed
 * claims (a JSON object of six claims) and {@code verify} of a token made by
 * the same lane, returning the claims. The key is 32 bytes.
 *
 * <p>Run just this: {@code java -jar target/benchmarks.jar Jwt -p lane=python}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class Jwt {
    @Param({"java", "go", "python"})
    public String lane;

    private Lane signer;
    private String token;

    @Setup
    public void setUp() {
        signer = BenchSetup.checkedLane(lane, CrossLaneChecks.JWT);
        token = signer.jwtSign(CrossLaneChecks.JWT_CLAIMS, CrossLaneChecks.JWT_KEY);
    }

    @Benchmark
    public String sign() {
        return signer.jwtSign(CrossLaneChecks.JWT_CLAIMS, CrossLaneChecks.JWT_KEY);
    }

    @Benchmark
    public String verify() {
        return signer.jwtVerify(token, CrossLaneChecks.JWT_KEY);
    }
}
