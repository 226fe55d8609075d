package dev.crossbench.lane;

import java.util.List;

/**
 * The lanes of this process. The first call of any method brings all three
 * runtimes into the process, once, whatever lane is asked for, so every lane
 * is measured in the same process environment. If that fails, every later call
 * fails with the same {@link SetupException}.
 */
public final class Lanes {
    /** Lane names in the order reports show them. */
    public static final List<String> NAMES = List.of(JavaLane.NAME, "go", "python");

    private Lanes() {}

    /** All lanes, in {@link #NAMES} order. */
    public static List<Lane> all() {
        return Loaded.lanes();
    }

    public static Lane get(String name) {
        for (Lane lane : all()) {
            if (lane.name().equals(name)) {
                return lane;
            }
        }
        throw new IllegalArgumentException("no lane named '" + name + "'; lanes: " + String.join(", ", NAMES));
    }

    /** The lanes as their runtimes answer, without the Java-side argument checks: for tests only. */
    static Lane unchecked(String name) {
        return ((CheckedLane) get(name)).unchecked();
    }

    /** Holder: loads on first use, under the class-initialisation lock, exactly once. */
    private static final class Loaded {
        private static final List<Lane> LANES;
        private static final SetupException FAILURE;

        static {
            List<Lane> lanes = null;
            SetupException failure = null;
            try {
                NativeRuntimes natives = NativeRuntimes.load();
                lanes = List.of(
                        new CheckedLane(new JavaLane()),
                        new CheckedLane(new NativeLane("go", natives.go())),
                        new CheckedLane(new NativeLane("python", natives.python())));
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
