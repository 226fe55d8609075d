package dev.crossbench.lane.jni;

import dev.crossbench.lane.Home;
import dev.crossbench.lane.SetupException;
import dev.crossbench.lane.WayIn;
import dev.crossbench.lane.jna.JnaBare;
import dev.crossbench.lane.jna.JnaCalls;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Brings native runtimes into this JVM: checks that the JVM was started
 * safely for them, loads the JNI bridge, opens a lane library and starts its
 * runtime. The registry's {@code Lanes} calls it once for every native lane.
 * Every library is checked against the build's record of it first
 * ({@link LibraryIntegrity}), so a damaged one is a message, not a crash.
 */
public final class NativeRuntimes {
    private NativeRuntimes() {}

    /** The FFM way in, compiled for JDK 22 apart from the rest (scripts/build-ffm); loaded by name, never on JDK 17. */
    private static final String FFM_CALLS = "dev.crossbench.lane.ffm.FfmCalls";
    /** The first JDK whose FFM API is final. */
    public static final int FFM_JDK = 22;

    /** Checks how this JVM was started and loads the JNI bridge: once, before the first {@link #open}. */
    public static void loadBridge() {
        String missing = missingStartSetting();
        if (missing != null) {
            throw new SetupException(missing);
        }
        System.load(LibraryIntegrity.check(bridge(), "the JNI bridge").toString());
    }

    /**
     * The bridge's library, which also holds what FFM and JNA need in C
     * (foreign_sink.c): its empty function and its sink.
     */
    public static Path bridge() {
        return requireBuilt(natives().resolve("libcrossbench_jni.so"), "the JNI bridge");
    }

    /** Why this JVM cannot cross this way into a native lane, or null if it can. */
    public static String unavailable(WayIn wayIn) {
        if (wayIn == WayIn.NONE) {
            return "no native lane is reached without crossing";
        }
        if (wayIn != WayIn.FFM) {
            return null;
        }
        if (Runtime.version().feature() < FFM_JDK) {
            return "FFM needs JDK " + FFM_JDK + " or later, and this is JDK " + Runtime.version().feature()
                    + ": run with JAVA_HOME set to a JDK " + FFM_JDK + "+ to measure it";
        }
        if (NativeRuntimes.class.getClassLoader().getResource(FFM_CALLS.replace('.', '/') + ".class") == null) {
            return "the FFM way in is not built (the build found no JDK " + FFM_JDK + " or later to compile it):"
                    + " install one under /usr/lib/jvm or set CROSSBENCH_OTHER_JDK to one, then run mvn package";
        }
        return null;
    }

    /** The lane library opened as {@code handle} (by {@link #open}, from {@code library}) through this way in. */
    public static LaneCalls calls(WayIn wayIn, long handle, Path library) {
        String why = unavailable(wayIn);
        if (why != null) {
            throw new SetupException(why);
        }
        return switch (wayIn) {
            case JNI -> new JniCalls(handle);
            case FFM -> ffm(LaneCalls.class, library);
            case JNA -> new JnaCalls(library);
            case NONE, JEP -> throw new IllegalArgumentException("not a way into a lane library: " + wayIn.id());
        };
    }

    /**
     * An empty C function called this way, touching no runtime: the share of
     * every crossing that is the way in itself. Load the lanes first.
     */
    public static Runnable bareCall(WayIn wayIn) {
        String why = unavailable(wayIn);
        if (why != null) {
            throw new SetupException(why);
        }
        return switch (wayIn) {
            case JNI -> NativeBridge::jniNoop;
            case FFM -> ffm(Runnable.class, null);
            case JNA -> JnaBare.bind(bridge());
            case NONE, JEP -> throw new IllegalArgumentException("no bare C call through " + wayIn.id());
        };
    }

    /** FfmCalls for a lane library, or (library null) its bareCall, found by name. */
    private static <T> T ffm(Class<T> type, Path library) {
        try {
            Class<?> ffm = Class.forName(FFM_CALLS);
            Object made = library != null ? ffm.getConstructor(Path.class).newInstance(library)
                    : ffm.getMethod("bareCall").invoke(null);
            return type.cast(made);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw new SetupException("FFM could not bind " + (library != null ? library : bridge()) + ": " + e.getCause(),
                    e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new SetupException("FFM could not bind " + (library != null ? library : bridge()) + ": " + e, e);
        }
    }

    /**
     * A native lane's library: target/native/FILE, or the one
     * -Dcrossbench.lane.LANE.library names.
     */
    public static Path library(String lane, String file) {
        return overridable(lane, "library", natives().resolve(file));
    }

    /**
     * Opens a lane's library (checked against its build record first) and
     * starts its runtime with the config; returns the handle a
     * {@link NativeLane} takes. {@code what} names the library in messages.
     */
    public static long open(String lane, String what, Path library, String config) {
        LibraryIntegrity.check(requireBuilt(library, what), what);
        try {
            long handle = NativeBridge.open(library.toString().getBytes(StandardCharsets.UTF_8));
            NativeBridge.start(handle, config.getBytes(StandardCharsets.UTF_8));
            return handle;
        } catch (NativeFailure e) {
            throw new SetupException(startFailure(lane, e.getMessage()));
        }
    }

    private static Path natives() {
        return Home.path().resolve("target/native");
    }

    /**
     * A lane's built file, or the one -Dcrossbench.lane.LANE.WHAT names: lets a
     * test run a lane built elsewhere (the Python lane on another CPython).
     */
    public static Path overridable(String lane, String what, Path built) {
        String property = System.getProperty("crossbench.lane." + lane + "." + what);
        return property == null ? built : Path.of(property).toAbsolutePath();
    }

    public static Path requireBuilt(Path file, String what) {
        if (!Files.exists(file)) {
            throw new SetupException(what + " is not built (no " + file + "): run mvn package");
        }
        return file;
    }

    private static final Pattern MISSING_MODULE = Pattern.compile("ModuleNotFoundError: No module named '([^']+)'");

    /**
     * One line for a lane that could not start, naming the fix: a Python
     * package missing from the venv by name; otherwise the failure's first
     * line and, for a foreign traceback, its last (the error itself).
     */
    static String startFailure(String lane, String message) {
        Matcher missing = MISSING_MODULE.matcher(message);
        if (missing.find()) {
            return "the " + lane + " lane's venv lacks the Python package '" + missing.group(1)
                    + "': run mvn package (it reinstalls the pinned requirements)";
        }
        String[] lines = message.strip().split("\\s*\\R\\s*");
        String cause = lines.length == 1 ? lines[0] : lines[0] + " ... " + lines[lines.length - 1];
        return "the " + lane + " lane could not start: " + cause + ": rebuild it with mvn package";
    }

    /**
     * What this JVM's start lacks for the native runtimes, or null if nothing.
     * Go and CPython install signal handlers when they load: without HotSpot's
     * signal chaining (libjsig) they would replace the JVM's own, and the JVM
     * could no longer turn a null dereference into a NullPointerException. Go
     * sizes its scheduler from GOMAXPROCS when it loads; unset, runs would
     * depend on the machine.
     */
    public static String missingStartSetting() {
        String maps;
        try {
            maps = Files.readString(Path.of("/proc/self/maps"));
        } catch (IOException e) {
            return "cannot read /proc/self/maps to check for signal chaining: " + e.getMessage();
        }
        if (!maps.contains("/libjsig.so")) {
            return "this JVM was started without HotSpot's signal chaining, which the Go and Python runtimes"
                    + " need beside the JVM's signal handlers: start it with LD_PRELOAD=" + libjsig()
                    + " (scripts/crossbench, benchmarks.jar and the Maven build do this)";
        }
        String gomaxprocs = System.getenv("GOMAXPROCS");
        if (gomaxprocs == null || !gomaxprocs.matches("[1-9][0-9]*")) {
            return "GOMAXPROCS is " + (gomaxprocs == null ? "not set" : "'" + gomaxprocs + "'")
                    + ": start the JVM with GOMAXPROCS=<n> (for example GOMAXPROCS="
                    + Runtime.getRuntime().availableProcessors()
                    + "; scripts/crossbench, benchmarks.jar and the Maven build do this)";
        }
        return null;
    }

    /**
     * Crosses from Java into C and back, touching no runtime: the JNI share of
     * every native crossing (the bridge's empty function).
     */
    public static void jniNoop() {
        NativeBridge.jniNoop();
    }

    /** HotSpot's signal-chaining library of the running JDK. */
    public static Path libjsig() {
        return Path.of(System.getProperty("java.home"), "lib", "libjsig.so");
    }
}
