package dev.crossbench.bench;

import dev.crossbench.check.CrossLaneChecks;
import dev.crossbench.lane.Lane;
import dev.crossbench.lane.WayIn;
import dev.crossbench.lane.registry.Lanes;

/** What every benchmark's setup does before timing: prove the lanes agree on the op, then pick one. */
final class BenchSetup {
    private BenchSetup() {}

    /**
     * Loads all three runtimes (every fork does, whatever lane it measures),
     * runs the cross-lane checks of the group with the lane reached through
     * its {@code crossing}, unless the suite's runner ran
     * them all before its first fork ({@link CrossLaneChecks#DONE_IN_RUNNER}),
     * and returns the named lane. Throws, naming every disagreement, if the
     * lanes do not agree.
     */
    static Lane checkedLane(String lane, String crossing, String checkGroup) {
        return checkedLane(lane, crossing, checkGroup, null);
    }

    /**
     * As {@link #checkedLane(String, String, String)}, skipping the group's
     * checks of other payloads than this one. The lanes are checked through
     * the measured way in, so that way is proven too.
     */
    static Lane checkedLane(String lane, String crossing, String checkGroup, String payload) {
        WayIn wayIn = WayIn.of(crossing);
        Lane measured = Lanes.get(lane, wayIn);
        // The runner checks every way it can reach; a way of a JVM of its own (Jep) only its own forks can.
        if (!Boolean.getBoolean(CrossLaneChecks.DONE_IN_RUNNER) || wayIn.ownProcess()) {
            CrossLaneChecks.require(Lanes.allThrough(wayIn), checkGroup, payload);
        }
        return measured;
    }
}
