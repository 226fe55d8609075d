package dev.crossbench.lane;

import java.util.Arrays;

/**
 * How Java reaches a lane's runtime: the {@code crossing} param of every
 * benchmark. The Java lane is a plain method call ({@link #NONE}); a native
 * lane's library (lane-abi/crossbench_lane.h) is reached through JNI, the
 * bridge crossbench has always used, or through the Foreign Function & Memory
 * API (JDK 22 and later) or JNA, which call the same C functions of the same
 * library, so the work on both sides of the crossing is the same.
 */
public enum WayIn {
    NONE("none", "a Java call", true),
    JNI("jni", "JNI", true),
    FFM("ffm", "FFM", true),
    /** noop and echo only: the figure most Java code that calls a C library pays, beside the others. */
    JNA("jna", "JNA (direct mapping)", false);

    private final String id;
    private final String title;
    private final boolean everyOp;

    WayIn(String id, String title, boolean everyOp) {
        this.id = id;
        this.title = title;
        this.everyOp = everyOp;
    }

    /** The {@code crossing} param's value. */
    public String id() {
        return id;
    }

    /** How reports name it. */
    public String title() {
        return title;
    }

    /** Whether every op runs through it, not only the crossing's own noop and echo. */
    public boolean everyOp() {
        return everyOp;
    }

    public static WayIn of(String id) {
        return Arrays.stream(values()).filter(w -> w.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no crossing named '" + id + "'; crossings: "
                        + String.join(", ", Arrays.stream(values()).map(WayIn::id).toList())));
    }
}
