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
 * The toll of crossing into each runtime, measured on its own so readers can
 * subtract it from the ops: {@code noop} enters the runtime and does nothing
 * (Go: an empty export; Python: takes the GIL and calls an empty function;
 * Java: an empty method); {@code echo} carries {@code size} bytes in and back
 * out through a runtime-owned buffer, the path every op takes. Both run
 * through each way into the native lanes ({@code crossing}: JNI, FFM, JNA);
 * {@link BareCall} gives each way's own share, a call into an empty C function.
 *
 * <p>Run just this: {@code java -jar target/benchmarks.jar Crossing -p lane=go}
 */
@Warmup(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@WarmupEvidence(value = "Java's JIT is done within 2.5 s (its echo of 0 B on 1 thread is the slowest); the native lanes "
        + "settle within 1 s. Later switches between two levels within one fork (Go and Python echo, 2 threads) are "
        + "not warm-up, and a longer one would not remove them", nativeIterations = 2)
@ScalingSample(methods = "noop|echo", params = "size=0")
public class Crossing extends SuiteSettings {

    @State(Scope.Benchmark)
    public static class Target {
        /** Set by the suite's plan: every registered lane, unless -p lane= picks some. */
        @Param(EVERY_LANE)
        public String lane;

        /** Set by the suite's plan: every way in the lane has that this JVM can use ({@code jni}, {@code ffm}, {@code jna}). */
        @Param(EVERY_TOLL_CROSSING)
        public String crossing;

        Lane runtime;

        @Setup
        public void setUp() {
            runtime = BenchSetup.checkedLane(lane, crossing, CrossLaneChecks.CROSSING);
        }
    }

    @State(Scope.Benchmark)
    public static class Bytes {
        @Param({"0", "1024", "65536"})
        public int size;

        byte[] payload;

        @Setup
        public void setUp() {
            payload = new byte[size];
            for (int i = 0; i < size; i++) {
                payload[i] = (byte) i;
            }
        }
    }

    @Benchmark
    @Measures(op = OpFamily.CROSSING, variant = "noop")
    public void noop(Target target) {
        target.runtime.noop();
    }

    @Benchmark
    @Measures(op = OpFamily.CROSSING, variant = "echo", caseParam = "size", toll = true)
    public byte[] echo(Target target, Bytes bytes) {
        return target.runtime.echo(bytes.payload);
    }
}
