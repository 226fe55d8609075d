package dev.crossbench.bench;

import dev.crossbench.lane.WayIn;
import dev.crossbench.lane.registry.Lanes;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Each way into native code on its own: a call into an empty C function that
 * touches no runtime, through JNI ({@code jni}, the bridge's empty JNI
 * function), FFM ({@code ffm}, a critical downcall: the one call short enough
 * for it) and JNA's direct mapping ({@code jna}). Every crossing of
 * {@link Crossing} pays its way's share. No lane param, so each runs once
 * (every fork still loads every runtime); a way this JVM lacks (FFM before
 * JDK 22) is left out of the run, and env.json says why.
 *
 * <p>Run just this: {@code java -jar target/benchmarks.jar BareCall}
 */
@Warmup(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@WarmupEvidence("as Crossing, whose study measured the bare JNI call with it: steady within 1 s")
@ScalingSample(methods = "jni")
public class BareCall extends SuiteSettings {

    @State(Scope.Benchmark)
    public static class Loaded {
        @Setup
        public void setUp() {
            Lanes.all();
        }
    }

    /** An empty C function through FFM. */
    @State(Scope.Benchmark)
    public static class FfmBare {
        Runnable call;

        @Setup
        public void setUp() {
            call = Lanes.bareCall(WayIn.FFM);
        }
    }

    /** An empty C function through JNA's direct mapping. */
    @State(Scope.Benchmark)
    public static class JnaBare {
        Runnable call;

        @Setup
        public void setUp() {
            call = Lanes.bareCall(WayIn.JNA);
        }
    }

    @Benchmark
    @Measures(op = OpFamily.CROSSING, variant = "jni", reference = "jni")
    public void jni(Loaded loaded) {
        Lanes.jniNoop();
    }

    @Benchmark
    @Measures(op = OpFamily.CROSSING, variant = "ffm", reference = "ffm")
    public void ffm(FfmBare bare) {
        bare.call.run();
    }

    @Benchmark
    @Measures(op = OpFamily.CROSSING, variant = "jna", reference = "jna")
    public void jna(JnaBare bare) {
        bare.call.run();
    }
}
