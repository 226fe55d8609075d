package dev.crossbench.fuzz;

import java.time.Duration;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Runs random trials for a bounded time, reproducibly: every trial gets its
 * own seeded {@link Random}, and a failing trial is rethrown with the seed that
 * replays it. The normal test command runs a short campaign; a longer one is
 * {@code mvn verify -Dcrossbench.fuzz.seconds=600}, and one trial is replayed
 * with {@code -Dcrossbench.fuzz.seed=N}.
 */
public final class FuzzCampaign {
    /** Seconds per campaign when the command line does not say. */
    public static final int DEFAULT_SECONDS = 8;

    private FuzzCampaign() {}

    /** Runs {@code trial} until the budget is spent; returns how many trials ran. */
    public static long run(String name, Consumer<Random> trial) {
        String replay = System.getProperty("crossbench.fuzz.seed");
        if (replay != null && !replay.isBlank()) {
            runOne(name, Long.parseLong(replay.trim()), trial);
            return 1;
        }
        Duration budget = Duration.ofSeconds(Long.getLong("crossbench.fuzz.seconds", DEFAULT_SECONDS));
        long deadline = System.nanoTime() + budget.toNanos();
        long seeds = new Random().nextLong();
        long trials = 0;
        while (System.nanoTime() < deadline) {
            runOne(name, seeds + trials, trial);
            trials++;
        }
        System.out.printf("fuzz %s: %d trials in %ds, seeds from %d%n", name, trials, budget.toSeconds(), seeds);
        return trials;
    }

    private static void runOne(String name, long seed, Consumer<Random> trial) {
        try {
            trial.accept(new Random(seed));
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("fuzz " + name + " failed; replay with -Dcrossbench.fuzz.seed=" + seed + ": " + e.getMessage(), e);
        }
    }
}
