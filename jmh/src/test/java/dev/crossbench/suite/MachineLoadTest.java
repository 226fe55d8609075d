package dev.crossbench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The load record tells this run's own CPU time (the runner and the processes
 * it starts, such as JMH forks) from other processes' time. Each test waits
 * until a busy loop has used half a second of CPU, then checks where that time
 * was counted: it compares CPU time with CPU time, so it holds however busy
 * the machine is.
 */
class MachineLoadTest {
    private static final String BUSY_LOOP = "while :; do :; done";
    private static final long HALF_SECOND = 50; // ticks

    @Test
    void aProcessThisRunStartedCountsAsItsOwnTime() throws Exception {
        MachineLoad.Sample before = MachineLoad.sample();
        assertNotNull(before, "/proc should be readable on Linux");
        Process child = new ProcessBuilder("sh", "-c", BUSY_LOOP).start();
        try {
            long used = waitForCpu(child.pid());
            // Sampled while the child still runs: it has not been waited for, so its
            // time is not yet in this JVM's children's time, and must come from it directly.
            MachineLoad.Sample during = MachineLoad.sample();
            assertTrue(during.ownTicks() - before.ownTicks() >= used,
                    "the child used " + used + " ticks, this run's own time grew by " + (during.ownTicks() - before.ownTicks()));
        } finally {
            child.destroyForcibly().waitFor();
        }
    }

    @Test
    void aProcessThisRunDidNotStartCountsAsOtherLoad() throws Exception {
        MachineLoad.Sample before = MachineLoad.sample();
        // The shell starts the loop in the background, prints its pid and exits; the
        // loop is adopted by init, so it is no longer this JVM's descendant.
        Process parent = new ProcessBuilder("sh", "-c", "sh -c '" + BUSY_LOOP + "' >/dev/null 2>&1 & echo $!").start();
        long pid = Long.parseLong(new String(parent.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim());
        assertTrue(parent.waitFor(10, TimeUnit.SECONDS));
        try {
            assertFalse(ProcessHandle.current().descendants().anyMatch(p -> p.pid() == pid), "the loop should be an orphan");
            long used = waitForCpu(pid);
            MachineLoad.Sample after = MachineLoad.sample();
            long other = (after.busyTicks() - before.busyTicks()) - (after.ownTicks() - before.ownTicks());
            // Machine-wide and per-process ticks are read a moment apart: allow a tenth.
            assertTrue(other >= used * 9 / 10, "the orphan used " + used + " ticks, other processes' time reads " + other);
        } finally {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    /** Waits until the process has used half a second of CPU; returns its ticks then. */
    private static long waitForCpu(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long used;
        while ((used = MachineLoad.processTicks(pid)) < HALF_SECOND) {
            assertTrue(System.nanoTime() < deadline, "the busy loop got no CPU in 60 s");
            Thread.sleep(50);
        }
        return used;
    }

    @Test
    void loadAverageHasThreeValues() {
        List<Double> average = MachineLoad.loadAverage();
        assertEquals(3, average.size(), average.toString());
        assertTrue(average.stream().allMatch(v -> v >= 0), average.toString());
    }
}
