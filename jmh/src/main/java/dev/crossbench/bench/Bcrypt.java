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
 * bcrypt, the cost of every login: {@code hash} (a new salt each time) and
 * {@code verify} of the right password against a hash made by the same lane,
 * at {@code cost} (default 10, what most services use). Expect Python to scale
 * to 2 threads here: pyca bcrypt releases the GIL while hashing.
 *
 * <p>Run just this: {@code java -jar target/benchmarks.jar Bcrypt -p lane=go -p cost=12}
 */
@State(Scope.Benchmark)
@Warmup(iterations = 6, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@WarmupEvidence(value = "steady from the first iteration on 1 thread in every lane; Java's hash on 2 threads took 2.5 s, "
        + "its compiler competing with both benchmark threads", nativeIterations = 2)
@ScalingSample(methods = "hash")
public class Bcrypt extends SuiteSettings {
    /** Set by the suite's plan: every registered lane, unless -p lane= picks some. */
    @Param(EVERY_LANE)
    public String lane;

    /** Set by the suite's plan: every way in the lane has for every op ({@code jni}, {@code ffm}; {@code none} for Java). */
    @Param(EVERY_CROSSING)
    public String crossing;

    @Param({"10"})
    public int cost;

    private Lane hasher;
    private String hash;

    @Setup
    public void setUp() {
        hasher = BenchSetup.checkedLane(lane, crossing, CrossLaneChecks.BCRYPT);
        hash = hasher.bcryptHash(CrossLaneChecks.PASSWORD, cost);
    }

    @Benchmark
    @Measures(op = OpFamily.BCRYPT, variant = "hash")
    public String hash() {
        return hasher.bcryptHash(CrossLaneChecks.PASSWORD, cost);
    }

    @Benchmark
    @Measures(op = OpFamily.BCRYPT, variant = "verify")
    public boolean verify() {
        return hasher.bcryptVerify(CrossLaneChecks.PASSWORD, hash);
    }
}
