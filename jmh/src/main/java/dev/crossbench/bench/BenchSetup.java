package dev.crossbench.bench;

import dev.crossbench.check.CrossLaneChecks;
import dev.crossbench.lane.Lane;
import dev.crossbench.lane.registry.Lanes;
import java.util.List;

/** What every benchmark's setup does before timing: prove the lanes agree on the op, then pick one. */
final class BenchSetup {
    private BenchSetup() {}

    /**
     * Loads all three runtimes (every fork does, whatever lane it measures),
     * runs the cross-lane checks of the group, unless the suite's runner ran
     * them all before its first fork ({@link CrossLaneChecks#DONE_IN_RUNNER}),
     * and returns the named lane. Throws, naming every disagreement, if the
     * lanes do not agree.
     */
    static Lane checkedLane(String lane, String checkGroup) {
        return checkedLane(lane, checkGroup, null);
    }

    /** As {@link #checkedLane(String, String)}, skipping the group's checks of other payloads than this one. */
    static Lane checkedLane(String lane, String checkGroup, String payload) {
        List<Lane> all = Lanes.all();
        if (!Boolean.getBoolean(CrossLaneChecks.DONE_IN_RUNNER)) {
            CrossLaneChecks.require(all, checkGroup, payload);
        }
        return Lanes.get(lane);
    }
}
