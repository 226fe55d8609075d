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
 * bcrypt, the cost of every login: {@code hash} (a new salt each time) and
 * {@code verify} of the right password against a hash made by the same lane,
 * at {@code cost} (default 10, what most services use). Expect Python to scale
 * to 2 threads here: pyca bcrypt releases the GIL while hashing.
 *
 * <p>Run just this: {@code java -jar target/benchmarks.jar Bcrypt -p lane=go -p cost=12}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class Bcrypt {
    @Param({"java", "go", "python"})
    public String lane;

    @Param({"10"})
    public int cost;

    private Lane hasher;
    private String hash;

    @Setup
    public void setUp() {
        hasher = BenchSetup.checkedLane(lane, CrossLaneChecks.BCRYPT);
        hash = hasher.bcryptHash(CrossLaneChecks.PASSWORD, cost);
    }

    @Benchmark
    public String hash() {
        return hasher.bcryptHash(CrossLaneChecks.PASSWORD, cost);
    }

    @Benchmark
    public boolean verify() {
        return hasher.bcryptVerify(CrossLaneChecks.PASSWORD, hash);
    }
}
