package dev.crossbench.lane.jni;

import dev.crossbench.lane.Home;
import dev.crossbench.lane.SetupException;
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

    /** Checks how this JVM was started and loads the JNI bridge: once, before the first {@link #open}. */
    public static void loadBridge() {
        String missing = missingStartSetting();
        if (missing != null) {
            throw new SetupException(missing);
        }
        Path bridge = requireBuilt(natives().resolve("libcrossbench_jni.so"), "the JNI bridge");
        System.load(LibraryIntegrity.check(bridge, "the JNI bridge").toString());
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
