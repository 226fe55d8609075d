package dev.crossbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The load record tells this run's own CPU time (the runner and the processes
 * it starts, such as JMH forks) from other processes' time. These count CPU
 * time, not speed: a busy loop uses its CPU whatever else the machine does.
 */
class MachineLoadTest {
    /** Two seconds of one busy core. */
    private static final String BUSY_LOOP = "timeout 2 sh -c 'while :; do :; done'";

    @Test
    void aProcessThisRunStartedCountsAsItsOwnTime() throws Exception {
        MachineLoad.Sample before = MachineLoad.sample();
        assertNotNull(before, "/proc should be readable on Linux");
        Process child = new ProcessBuilder("sh", "-c", BUSY_LOOP).start();
        // Sample while the child still runs: it has not been waited for, so its
        // time is not yet in this JVM's children's time.
        Thread.sleep(1500);
        MachineLoad.Sample during = MachineLoad.sample();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        double ownSeconds = (during.ownTicks() - before.ownTicks()) / 100.0;
        assertTrue(ownSeconds >= 0.5, "the busy child used " + ownSeconds + " s of CPU, counted as this run's");
    }

    @Test
    void aProcessThisRunDidNotStartCountsAsOtherLoad() throws Exception {
        MachineLoad.Sample before = MachineLoad.sample();
        // The outer shell exits at once; the busy loop it leaves behind is adopted
        // by init, so it is no longer this JVM's descendant: another process.
        Process parent = new ProcessBuilder("sh", "-c", "(" + BUSY_LOOP + ") >/dev/null 2>&1 &").start();
        assertTrue(parent.waitFor(10, TimeUnit.SECONDS));
        Thread.sleep(1500);
        MachineLoad.Usage usage = MachineLoad.between(before, MachineLoad.sample());
        assertTrue(usage.otherCores() >= 0.3, "a busy process ran for " + usage.seconds()
                + " s beside this one, yet other processes' load reads " + usage.otherCores() + " cores");
        Thread.sleep(1000); // let the loop end before the next test
    }

    @Test
    void loadAverageHasThreeValues() {
        List<Double> average = MachineLoad.loadAverage();
        assertEquals(3, average.size(), average.toString());
        assertTrue(average.stream().allMatch(v -> v >= 0), average.toString());
    }
}
