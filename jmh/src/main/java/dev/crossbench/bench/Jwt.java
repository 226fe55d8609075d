package dev.crossbench.bench;

import dev.crossbench.check.CrossLaneChecks;
import dev.crossbench.lane.Lane;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JWT, the cost of every authenticated request: HS256 {@code sign} of fixed
 * claims (a JSON object of six claims) and {@code verify} of a token made by
 * the same lane, returning the claims. The key is 32 bytes.
 *
 * <p>Run just this: {@code java -jar target/benchmarks.jar Jwt -p lane=python}
 */
@State(Scope.Benchmark)
public class Jwt extends SuiteSettings {
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
