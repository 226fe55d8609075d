package dev.crossbench.bench;

import dev.crossbench.check.CrossLaneChecks;
import dev.crossbench.lane.Lane;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
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
@State(Scope.Benchmark)
@Warmup(iterations = 8, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@WarmupEvidence(value = "java-jwt is JIT-compiled within 2 s on 1 thread and 3 s on 2 threads, where it starts 20x slower "
        + "than its steady state; Go and Python settle within 1 s", nativeIterations = 2)
@ScalingSample(methods = "sign")
public class Jwt extends SuiteSettings {
    /** Set by the suite's plan: every registered lane, unless -p lane= picks some. */
    @Param(EVERY_LANE)
    public String lane;

    /** Set by the suite's plan: every way in the lane has for every op ({@code jni}, {@code ffm}; {@code none} for Java). */
    @Param(EVERY_CROSSING)
    public String crossing;

    private Lane signer;
    private String token;

    @Setup
    public void setUp() {
        signer = BenchSetup.checkedLane(lane, crossing, CrossLaneChecks.JWT);
        token = signer.jwtSign(CrossLaneChecks.JWT_CLAIMS, CrossLaneChecks.JWT_KEY);
    }

    @Benchmark
    @Measures(op = OpFamily.JWT, variant = "sign")
    public String sign() {
        return signer.jwtSign(CrossLaneChecks.JWT_CLAIMS, CrossLaneChecks.JWT_KEY);
    }

    @Benchmark
    @Measures(op = OpFamily.JWT, variant = "verify")
    public String verify() {
        return signer.jwtVerify(token, CrossLaneChecks.JWT_KEY);
    }
}
