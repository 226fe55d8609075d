package dev.crossbench.lane;

import java.util.Arrays;

/**
 * How Java reaches a lane's runtime: the {@code crossing} param of every
 * benchmark. The Java lane is a plain method call ({@link #NONE}); a native
 * lane's library (lane-abi/crossbench_lane.h) is reached through JNI, the
 * bridge crossbench has always used, or through the Foreign Function & Memory
 * API (JDK 22 and later) or JNA, which call the same C functions of the same
 * library, so the work on both sides of the crossing is the same; the Python
 * lane also through Jep, which calls the same Python functions.
 */
public enum WayIn {
    NONE("none", "Java call", true, false),
    JNI("jni", "JNI", true, false),
    FFM("ffm", "FFM", true, false),
    /** Direct mapping; noop and echo only: the figure most Java code that calls a C library pays, beside the others. */
    JNA("jna", "JNA", false, false),
    /**
     * CPython embedded by Jep, calling the Python lane's own functions: only
     * in a JVM of its own, since a process holds one CPython.
     */
    JEP("jep", "Jep", true, true);

    private final String id;
    private final String title;
    private final boolean everyOp;
    private final boolean ownProcess;

    WayIn(String id, String title, boolean everyOp, boolean ownProcess) {
        this.id = id;
        this.title = title;
        this.everyOp = everyOp;
        this.ownProcess = ownProcess;
    }

    /** The {@code crossing} param's value. */
    public String id() {
        return id;
    }

    /** How reports name it, short: "Go (FFM)". */
    public String title() {
        return title;
    }

    /** Whether every op runs through it, not only the crossing's own noop and echo. */
    public boolean everyOp() {
        return everyOp;
    }

    /**
     * Whether the lane is reached this way only in a JVM started for it
     * ({@code -Dcrossbench.jep=true}), in which the lane's own library is not
     * loaded: forks of their own, never the runner's or quick mode's JVM.
     */
    public boolean ownProcess() {
        return ownProcess;
    }

    public static WayIn of(String id) {
        return Arrays.stream(values()).filter(w -> w.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no crossing named '" + id + "'; crossings: "
                        + String.join(", ", Arrays.stream(values()).map(WayIn::id).toList())));
    }
}
