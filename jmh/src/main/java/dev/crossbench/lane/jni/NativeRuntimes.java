package dev.crossbench.lane.jni;

import dev.crossbench.lane.SetupException;
import dev.crossbench.lane.registry.LaneRegistry;
import dev.crossbench.lane.registry.LaneSpec;
import dev.crossbench.lane.registry.Lanes;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Brings the native runtimes into this JVM: checks that the JVM was started
 * safely for them, loads the JNI bridge, opens every native lane library of
 * {@link LaneRegistry} and starts its runtime. Called once, by {@link Lanes}.
 * Every library is checked against the build's record of it first
 * ({@link LibraryIntegrity}), so a damaged one is a message, not a crash.
 */
public final class NativeRuntimes {
    /** Set by the Maven build and the scripts; otherwise derived from where these classes live. */
    static final String HOME_PROPERTY = "crossbench.home";

    private NativeRuntimes() {}

    /** Each native lane's library handle, by lane name. */
    public static Map<String, Long> load() {
        String missing = missingStartSetting();
        if (missing != null) {
            throw new SetupException(missing);
        }
        Path home = home();
        Path natives = home.resolve("target/native");
        Path bridge = requireBuilt(natives.resolve("libcrossbench_jni.so"), "the JNI bridge");
        System.load(LibraryIntegrity.check(bridge, "the JNI bridge").toString());
        Map<String, Long> handles = new LinkedHashMap<>();
        for (LaneSpec lane : LaneRegistry.LANES) {
            if (lane.isNative()) {
                String what = "the " + lane.title() + " lane library";
                Path library = requireBuilt(overridable(lane.name(), "library", natives.resolve(lane.library())), what);
                LibraryIntegrity.check(library, what);
                handles.put(lane.name(), open(lane.name(), library, lane.startConfig().apply(home)));
            }
        }
        return handles;
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

    private static long open(String lane, Path library, String config) {
        try {
            long handle = NativeBridge.open(library.toString().getBytes(StandardCharsets.UTF_8));
            NativeBridge.start(handle, config.getBytes(StandardCharsets.UTF_8));
            return handle;
        } catch (NativeFailure e) {
            throw new SetupException(startFailure(lane, e.getMessage()));
        }
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

    /** The repository: -Dcrossbench.home, else two levels above target/classes or target/benchmarks.jar. */
    public static Path home() {
        String property = System.getProperty(HOME_PROPERTY);
        if (property != null) {
            return Path.of(property).toAbsolutePath();
        }
        try {
            Path code = Path.of(NativeRuntimes.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return code.getParent().getParent();
        } catch (URISyntaxException | RuntimeException e) {
            throw new SetupException("cannot tell where crossbench lives: start Java with -D" + HOME_PROPERTY + "=<repository>");
        }
    }
}
