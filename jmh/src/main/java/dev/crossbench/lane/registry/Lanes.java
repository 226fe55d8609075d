package dev.crossbench.lane.registry;

import dev.crossbench.contract.CheckedLane;
import dev.crossbench.lane.Home;
import dev.crossbench.lane.Lane;
import dev.crossbench.lane.SetupException;
import dev.crossbench.lane.WayIn;
import dev.crossbench.lane.jep.JepCalls;
import dev.crossbench.lane.jni.NativeLane;
import dev.crossbench.lane.jni.NativeRuntimes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The lanes of this process, as {@link LaneRegistry} declares them. The first
 * call of {@link #all()} or {@link #get} brings every runtime into the process,
 * once, whatever lane is asked for, so every lane is measured in the same
 * process environment. If that fails, every later call fails with the same
 * {@link SetupException}.
 */
public final class Lanes {
    /** Lane names in the order reports show them. */
    public static final List<String> NAMES = LaneRegistry.names();

    /**
     * Set at a JVM's start ({@code -Dcrossbench.jep=true}): this JVM's CPython
     * is Jep's, and a lane reached through Jep is reached only so here.
     */
    public static final String JEP_PROPERTY = "crossbench.jep";

    private Lanes() {}

    /** All lanes, in {@link #NAMES} order. */
    public static List<Lane> all() {
        return Loaded.lanes();
    }

    /** The lane by name, reached the usual way: a Java call for the Java lane, JNI for a native one. */
    public static Lane get(String name) {
        for (Lane lane : all()) {
            if (lane.name().equals(name)) {
                return lane;
            }
        }
        throw new IllegalArgumentException("no lane named '" + name + "'; lanes: " + String.join(", ", NAMES));
    }

    /**
     * The lane by name, reached this way (the {@code crossing} param): the
     * same runtime and library as {@link #get(String)}, another way in.
     * Throws {@link SetupException} saying why if this JVM cannot cross that
     * way (FFM before JDK 22), IllegalArgumentException if the lane is not
     * reached that way at all.
     */
    public static Lane get(String name, WayIn wayIn) {
        Lane usual = get(name);
        if (wayIn == usualWayIn(name)) {
            return usual;
        }
        if (!waysIn(name).contains(wayIn)) {
            throw new IllegalArgumentException("the " + name + " lane is not reached through " + wayIn.id()
                    + "; its crossings: " + String.join(", ", waysIn(name).stream().map(WayIn::id).toList()));
        }
        if (wayIn.ownProcess()) {
            throw new SetupException("the " + name + " lane is reached through " + wayIn.id() + " only in a JVM of its own,"
                    + " started with -D" + JEP_PROPERTY + "=true (one process holds one CPython, and this one's is the lane"
                    + " library's): the suite runs such forks itself");
        }
        if (usualWayIn(name).ownProcess()) {
            throw new SetupException("this JVM's CPython is Jep's (-D" + JEP_PROPERTY + "=true), so the " + name
                    + " lane's library is not loaded here and is not reached through " + wayIn.id());
        }
        return Loaded.otherWays.computeIfAbsent(name + "/" + wayIn.id(), key -> {
            LaneSpec spec = spec(name);
            Path library = NativeRuntimes.library(spec.name(), spec.library());
            return new CheckedLane(new NativeLane(name, wayIn,
                    NativeRuntimes.calls(wayIn, Loaded.handles.get(name), library)));
        });
    }

    /**
     * Every lane, each reached this way where it can be, the usual way where
     * not (the Java lane; a lane this JVM reaches only through Jep).
     */
    public static List<Lane> allThrough(WayIn wayIn) {
        return all().stream().map(lane -> waysIn(lane.name()).contains(wayIn) && !usualWayIn(lane.name()).ownProcess()
                ? get(lane.name(), wayIn) : lane).toList();
    }

    /** How a lane is reached in this JVM unless the {@code crossing} param says otherwise. */
    public static WayIn usualWayIn(String name) {
        LaneSpec spec = spec(name);
        if (!spec.isNative()) {
            return WayIn.NONE;
        }
        return Boolean.getBoolean(JEP_PROPERTY) && spec.moreWaysIn().contains(WayIn.JEP) ? WayIn.JEP : WayIn.JNI;
    }

    /** Every way a lane can be reached (whether or not this JVM can), the library's first. */
    public static List<WayIn> waysIn(String name) {
        LaneSpec spec = spec(name);
        if (!spec.isNative()) {
            return List.of(WayIn.NONE);
        }
        List<WayIn> ways = new ArrayList<>(List.of(WayIn.JNI, WayIn.FFM, WayIn.JNA));
        ways.addAll(spec.moreWaysIn());
        return List.copyOf(ways);
    }

    /**
     * Why this way cannot be measured here, or null if it can (a way of its
     * own process, Jep, counts as measurable: the suite gives it forks).
     */
    public static String unavailable(WayIn wayIn) {
        if (wayIn == WayIn.NONE) {
            return null;
        }
        if (wayIn == WayIn.JEP) {
            for (LaneSpec spec : LaneRegistry.LANES) {
                if (spec.moreWaysIn().contains(WayIn.JEP)) {
                    return JepCalls.missing(spec.startConfig().apply(home()));
                }
            }
            return "no lane is reached through jep";
        }
        return NativeRuntimes.unavailable(wayIn);
    }

    /**
     * An empty C function called through a way in (as {@link #jniNoop} is
     * through JNI), touching no runtime: that way's share of every crossing.
     * Loads the lanes first.
     */
    public static Runnable bareCall(WayIn wayIn) {
        all();
        return NativeRuntimes.bareCall(wayIn);
    }

    private static LaneSpec spec(String name) {
        return LaneRegistry.LANES.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no lane named '" + name + "'; lanes: "
                        + String.join(", ", NAMES)));
    }

    /** Whether the lane's code runs in this JVM, compiled by its JIT as it runs. */
    public static boolean inJvm(String name) {
        return LaneRegistry.LANES.stream().anyMatch(spec -> spec.name().equals(name) && !spec.isNative());
    }

    /**
     * What this JVM's start lacks for the Go and Python runtimes (signal
     * chaining, GOMAXPROCS), or null if it has all: lets a launcher restart
     * itself rightly instead of failing later.
     */
    public static String missingStartSetting() {
        return NativeRuntimes.missingStartSetting();
    }

    /** The repository the lanes were built in (-Dcrossbench.home, else where these classes live). */
    public static Path home() {
        return Home.path();
    }

    /** HotSpot's signal-chaining library, which every JVM that loads the lanes must preload. */
    public static Path libjsig() {
        return NativeRuntimes.libjsig();
    }

    /**
     * Crosses from Java into C and back, touching no runtime: the JNI share of
     * every native crossing, as a reference beside the lanes' noops. Call
     * {@link #all()} once first; this does not, to stay a bare call.
     */
    public static void jniNoop() {
        NativeRuntimes.jniNoop();
    }

    /**
     * Every native lane as a program without a JVM starts it, one tab-separated
     * line each: its name, its library's path, its runtime's own harness and
     * the start config that {@code cb_start} takes, with backslash, newline and
     * tab written as {@code \\}, {@code \n} and {@code \t}. What
     * {@code crossbench lanes --config} prints, for the C floor
     * (native-c/crossing_floor) and scripts/native-bench: they learn the lanes
     * from here, not from lists of their own. Loads no runtime.
     */
    public static List<String> nativeConfig() {
        Path home = home();
        List<String> lines = new ArrayList<>();
        for (LaneSpec spec : LaneRegistry.LANES) {
            if (spec.isNative()) {
                Path library = NativeRuntimes.library(spec.name(), spec.library());
                lines.add(String.join("\t", spec.name(), library.toString(), spec.harness(),
                        escape(spec.startConfig().apply(home))));
            }
        }
        return lines;
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t");
    }

    /** The lanes as their runtimes answer, without the Java-side argument checks: for tests only. */
    public static Lane unchecked(String name) {
        return ((CheckedLane) get(name)).unchecked();
    }

    /** As {@link #unchecked(String)}, reached this way. */
    public static Lane unchecked(String name, WayIn wayIn) {
        return ((CheckedLane) get(name, wayIn)).unchecked();
    }

    /** Holder: loads on first use, under the class-initialisation lock, exactly once. */
    private static final class Loaded {
        private static final List<Lane> LANES;
        private static final SetupException FAILURE;
        /** Each native lane's open library, by lane name. */
        private static final Map<String, Long> handles = new ConcurrentHashMap<>();
        /** The lanes reached another way than the usual one, made on first use: "lane/crossing" -> lane. */
        private static final Map<String, Lane> otherWays = new ConcurrentHashMap<>();

        static {
            List<Lane> lanes = null;
            SetupException failure = null;
            try {
                NativeRuntimes.loadBridge();
                Path home = home();
                // Every native runtime starts before any lane is made: every fork has them all.
                Map<String, Long> natives = new LinkedHashMap<>();
                for (LaneSpec spec : LaneRegistry.LANES) {
                    if (spec.isNative() && usualWayIn(spec.name()) == WayIn.JNI) {
                        natives.put(spec.name(), NativeRuntimes.open(spec.name(), "the " + spec.title() + " lane library",
                                NativeRuntimes.library(spec.name(), spec.library()), spec.startConfig().apply(home)));
                    }
                }
                List<Lane> loaded = new ArrayList<>();
                for (LaneSpec spec : LaneRegistry.LANES) {
                    WayIn usual = usualWayIn(spec.name());
                    Lane lane = switch (usual) {
                        case NONE -> spec.inJvm().apply(spec.name());
                        case JNI -> new NativeLane(spec.name(), usual, NativeRuntimes.calls(usual, natives.get(spec.name()), null));
                        // The lane's library is not loaded in this JVM: its CPython is Jep's.
                        case JEP -> new NativeLane(spec.name(), usual, new JepCalls(spec.startConfig().apply(home)));
                        default -> throw new IllegalStateException("no lane is usually reached through " + usual);
                    };
                    loaded.add(new CheckedLane(lane));
                }
                lanes = List.copyOf(loaded);
                handles.putAll(natives);
            } catch (SetupException e) {
                failure = e;
            } catch (RuntimeException | LinkageError e) {
                failure = new SetupException("the lanes could not be loaded: " + e, e);
            }
            LANES = lanes;
            FAILURE = failure;
        }

        static List<Lane> lanes() {
            if (FAILURE != null) {
                throw new SetupException(FAILURE.getMessage(), FAILURE);
            }
            return LANES;
        }
    }
}
