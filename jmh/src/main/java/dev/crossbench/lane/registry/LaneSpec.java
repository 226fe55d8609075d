package dev.crossbench.lane.registry;

import dev.crossbench.lane.Lane;
import dev.crossbench.lane.WayIn;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One lane as {@link LaneRegistry} declares it: what it is called and shown as,
 * what it runs on, and how it comes into the process. A lane either lives in
 * the JVM ({@code inJvm}) or in a native library behind lane-abi/crossbench_lane.h
 * ({@code library}, started with {@code startConfig}); never both.
 *
 * @param name the lane's id: the benchmarks' {@code lane} param, {@code --lane}, and the results' lane column
 * @param title how reports and charts name it
 * @param colour its colour in the charts (#rrggbb)
 * @param runtime what runs its code, in words
 * @param libraries the libraries doing its work, in words (their versions come from the lane at run time)
 * @param inJvm makes the lane from its name, for a lane that lives in the JVM; else null
 * @param library the native library's file name under target/native, for a native lane; else null
 * @param startConfig the key=value lines cb_start gets, given the repository; null for an in-JVM lane
 * @param harness the runtime's own benchmark harness, by the name scripts/native-bench knows it by
 *     ({@code go-test}, {@code pyperf}): it times the same ops without JNI, for the report's Agreement
 *     section; every native lane has one, an in-JVM lane none (JMH is its own harness)
 * @param moreWaysIn ways into a native lane besides those into its library (JNI, FFM, JNA): Jep for CPython
 */
public record LaneSpec(String name, String title, String colour, String runtime, String libraries,
        Function<String, Lane> inJvm, String library, Function<Path, String> startConfig, String harness,
        List<WayIn> moreWaysIn) {

    public LaneSpec {
        Objects.requireNonNull(name);
        Objects.requireNonNull(title);
        if (!colour.matches("#[0-9a-f]{6}")) {
            throw new IllegalArgumentException("lane " + name + ": colour " + colour + " is not #rrggbb");
        }
        if ((inJvm == null) == (library == null) || (library == null) != (startConfig == null)) {
            throw new IllegalArgumentException("lane " + name + " must be either in the JVM or a native library");
        }
        if ((library == null) != (harness == null)) {
            throw new IllegalArgumentException("lane " + name + (library == null
                    ? ": an in-JVM lane has no harness of its own (JMH is its harness)"
                    : ": a native lane names its runtime's own harness, which scripts/native-bench runs"));
        }
    }

    /** A lane whose code runs in this JVM. */
    static LaneSpec inJvm(String name, String title, String colour, String runtime, String libraries, Function<String, Lane> lane) {
        return new LaneSpec(name, title, colour, runtime, libraries, lane, null, null, null, List.of());
    }

    /** A lane in a native library under target/native that implements crossbench_lane.h. */
    static LaneSpec nativeLibrary(String name, String title, String colour, String runtime, String libraries,
            String library, Function<Path, String> startConfig, String harness) {
        return new LaneSpec(name, title, colour, runtime, libraries, null, library, startConfig, harness, List.of());
    }

    /** This native lane, reached also these ways besides its library's (JNI, FFM, JNA): Jep for CPython. */
    LaneSpec reachedAlsoThrough(WayIn... ways) {
        return new LaneSpec(name, title, colour, runtime, libraries, inJvm, library, startConfig, harness, List.of(ways));
    }

    public boolean isNative() {
        return library != null;
    }
}
