package dev.crossbench.lane.registry;

import java.util.List;

/**
 * The JDK crossbench supports, and what a newer one needs. crossbench is built
 * and measured on JDK 17; another JDK may run, and its numbers may differ. On
 * JDK 22 and later, loading a native library is a "restricted method": without
 * {@code --enable-native-access=ALL-UNNAMED} every JVM that loads the lanes
 * prints warnings (four lines on JDK 25) before anything else, so every
 * launcher adds the flag where the JDK knows it (JDK 17 has no use for it).
 * On JDK 23 and later the use of {@code sun.misc.Unsafe} by JMH 1.37 and by
 * fastjson2 (the Java lane's fast JSON library) prints four more, which
 * {@code --sun-misc-unsafe-memory-access=allow} stops.
 */
public final class Jdk {
    /** The JDK feature release crossbench is built, tested and measured on. */
    public static final int SUPPORTED = 17;
    /** Lets the unnamed module (crossbench's classes) load native libraries without warnings. */
    public static final String NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";

    private Jdk() {}

    /** One line saying this JDK is not the supported one, or null if it is. */
    public static String notice() {
        return notice(Runtime.version().feature());
    }

    static String notice(int feature) {
        if (feature == SUPPORTED) {
            return null;
        }
        return "crossbench: note: this is JDK " + feature + " (" + System.getProperty("java.home")
                + "); crossbench supports JDK " + SUPPORTED + ", and results on another JDK may differ:"
                + " set JAVA_HOME to a JDK " + SUPPORTED + " to measure as published";
    }

    /** The JVM options a JVM that loads the lanes (and runs JMH) needs on this JDK, beyond libjsig and GOMAXPROCS. */
    public static List<String> laneArgs() {
        return laneArgs(Runtime.version().feature());
    }

    static List<String> laneArgs(int feature) {
        List<String> args = new java.util.ArrayList<>();
        if (feature >= 22) {
            args.add(NATIVE_ACCESS);
        }
        if (feature >= 23) {
            args.add("--sun-misc-unsafe-memory-access=allow");
        }
        return List.copyOf(args);
    }
}
