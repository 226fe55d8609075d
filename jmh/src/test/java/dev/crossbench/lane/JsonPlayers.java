package dev.crossbench.lane;

import dev.crossbench.contract.CheckedLane;
import dev.crossbench.lane.java.JavaLane;
import dev.crossbench.lane.registry.Lanes;
import java.util.ArrayList;
import java.util.List;

/**
 * Every lane with every {@link JsonLibrary}: what the JSON contract tests
 * hold to one answer. With {@code -Dcrossbench.lanes=java} only the Java lane
 * (checked, built here without loading the natives): for a branch whose
 * native lanes are not built or answer older ops; the default is every lane,
 * so the full build never skips one silently.
 */
public final class JsonPlayers {
    /** One lane with one of its JSON libraries, named {@code java/fast}. */
    public record Player(Lane lane, JsonLibrary library) {
        public String id() {
            return lane.name() + "/" + library.id();
        }

        @Override
        public String toString() {
            return id();
        }
    }

    private JsonPlayers() {}

    /** The lanes under test: every lane, or the Java lane alone when -Dcrossbench.lanes=java. */
    public static List<Lane> lanes() {
        String only = System.getProperty("crossbench.lanes", "");
        if (only.equals("java")) {
            return List.of(JavaOnly.LANE);
        }
        if (!only.isEmpty()) {
            throw new IllegalArgumentException("-Dcrossbench.lanes takes only 'java' (or nothing: every lane), not '" + only + "'");
        }
        return Lanes.all();
    }

    /** Every lane under test with every JSON library, lane by lane. */
    public static List<Player> all() {
        List<Player> players = new ArrayList<>();
        for (Lane lane : lanes()) {
            for (JsonLibrary library : lane.info().roles()) {
                players.add(new Player(lane, library));
            }
        }
        return players;
    }

    /** Holder: one checked Java lane, made only if asked for. */
    private static final class JavaOnly {
        static final Lane LANE = new CheckedLane(new JavaLane("java"));
    }
}
