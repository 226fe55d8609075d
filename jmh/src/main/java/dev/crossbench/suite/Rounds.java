package dev.crossbench.suite;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.openjdk.jmh.results.RunResult;

/**
 * The suite's schedule: interleaved rounds with adaptive repetition. A round
 * runs one fork of each of its rows in the order {@link RoundOrder} gives
 * for the run's seed. The first {@code minimum} rounds hold every row; after
 * them, a round holds the rows that are not yet {@link Settling settled} and
 * have fewer than {@code cap} forks, as long as the deadline leaves time for
 * their next fork (Kalibera and Jones's adaptive repetition, one fork at a
 * time). A row whose fork fails is not run again: a setup that failed once
 * fails again, and each try costs a JVM start. Every fork is recorded with
 * its round, block, order, start and length, for forks.csv.
 */
final class Rounds {
    static final String MINIMUM = "minimum";

    /** One fork that ran: which row, its index among the row's forks, where in which round, when, and why. */
    record Fork(Row row, int index, int round, int block, int order, Instant started, double seconds, String reason) {}

    /** A round as progress.json shows it. */
    record Round(int number, String kind, int planned, int finished, int failed, String status) {}

    /** Runs one fork of a row; null or an exception when it failed. */
    interface ForkRunner {
        RunResult run(Row row) throws Exception;
    }

    /** Told as the schedule moves, under no lock of the schedule's. */
    interface Listener {
        void roundStarting(Round round, List<Row> order);

        void forkStarting(Round round, int position, Row row);

        void forkEnded(Row row, boolean ok);
    }

    private final List<Row> rows;
    private final long seed;
    private final int minimum;
    private final int cap;
    private final long deadline;
    private final LongSupplier clock;
    private final Map<Row, MergedForks> forksByRow = new LinkedHashMap<>();
    private final Map<Row, List<Double>> secondsByRow = new LinkedHashMap<>();
    private final Set<Row> failed = new LinkedHashSet<>();
    private final List<Fork> forks = new ArrayList<>();
    private final List<Round> rounds = new ArrayList<>();
    private volatile boolean stopRequested;
    private String stoppedBy = "not started";

    /**
     * @param deadline when, on {@code clock} (ns), the extra rounds must end;
     *                 the minimum rounds run whatever it says
     */
    Rounds(List<Row> rows, long seed, int minimum, int cap, long deadline, LongSupplier clock) {
        if (minimum < 1 || cap < minimum) {
            throw new IllegalArgumentException("rounds: minimum " + minimum + " and cap " + cap);
        }
        this.rows = List.copyOf(rows);
        this.seed = seed;
        this.minimum = minimum;
        this.cap = cap;
        this.deadline = deadline;
        this.clock = clock;
    }

    /** Runs the rounds; returns what ended them (also {@link #stoppedBy()}). */
    String run(ForkRunner runner, Listener listener) {
        for (int number = 1; number <= cap; number++) {
            List<Row> due;
            synchronized (this) {
                due = number <= minimum ? rows.stream().filter(r -> !failed.contains(r)).toList() : unsettled();
                if (due.isEmpty()) {
                    stoppedBy = "every row settled";
                    return stoppedBy;
                }
            }
            List<Row> order = RoundOrder.order(due, seed, number);
            Round round = new Round(number, number <= minimum ? MINIMUM : "extra", order.size(), 0, 0, "running");
            synchronized (this) {
                rounds.add(round);
            }
            listener.roundStarting(round, order);
            int block = 0;
            String previousBlock = null;
            for (int position = 0; position < order.size(); position++) {
                Row row = order.get(position);
                if (!row.block().equals(previousBlock)) {
                    block++;
                    previousBlock = row.block();
                }
                if (stopRequested) {
                    endRound(number, "interrupted");
                    stoppedBy = "stopped";
                    return stoppedBy;
                }
                if (number > minimum && clock.getAsLong() + expectedNanos(row) > deadline) {
                    endRound(number, "budget reached");
                    stoppedBy = "budget";
                    return stoppedBy;
                }
                String reason;
                synchronized (this) {
                    reason = number <= minimum ? MINIMUM : Settling.reason(forksByRow.get(row).medians());
                }
                listener.forkStarting(currentRound(number), position + 1, row);
                Instant started = Instant.now();
                long start = clock.getAsLong();
                RunResult result;
                try {
                    result = runner.run(row);
                } catch (Exception e) {
                    System.err.println("crossbench: " + row.label() + ": " + e);
                    result = null;
                }
                double seconds = (clock.getAsLong() - start) / 1e9;
                boolean ok = result != null && !result.getBenchmarkResults().isEmpty();
                synchronized (this) {
                    if (ok) {
                        MergedForks merged = forksByRow.computeIfAbsent(row, r -> new MergedForks());
                        forks.add(new Fork(row, merged.size(), number, block, position + 1, started, seconds, reason));
                        merged.add(result);
                    } else {
                        failed.add(row);
                    }
                    secondsByRow.computeIfAbsent(row, r -> new ArrayList<>()).add(seconds);
                    count(number, ok);
                }
                listener.forkEnded(row, ok);
            }
            endRound(number, "done");
        }
        synchronized (this) {
            boolean settled = forksByRow.values().stream().allMatch(f -> Settling.reason(f.medians()) == null);
            stoppedBy = settled ? "every row settled" : "cap";
            return stoppedBy;
        }
    }

    /** Asks the rounds to end before the next fork (the run is being stopped). */
    void stop() {
        stopRequested = true;
    }

    /** The rows past the minimum that still need a fork: not settled, under the cap, not failed. */
    private List<Row> unsettled() {
        return rows.stream().filter(r -> !failed.contains(r) && forksByRow.containsKey(r))
                .filter(r -> forksByRow.get(r).size() < cap && Settling.reason(forksByRow.get(r).medians()) != null)
                .toList();
    }

    /** A row's next fork's expected length: the mean of its forks so far, else of every fork so far. */
    private synchronized long expectedNanos(Row row) {
        List<Double> own = secondsByRow.get(row);
        List<Double> all = secondsByRow.values().stream().flatMap(List::stream).toList();
        List<Double> basis = own != null && !own.isEmpty() ? own : all;
        return (long) (basis.stream().mapToDouble(Double::doubleValue).average().orElse(0) * 1e9);
    }

    /** Seconds the minimum rounds still need after this many forks of the current one, at each row's mean so far. */
    synchronized double minimumSecondsLeft(int round, int position, List<Row> order) {
        if (round > minimum) {
            return 0;
        }
        double left = 0;
        for (int i = position; i < order.size(); i++) {
            left += expectedNanos(order.get(i)) / 1e9;
        }
        for (Row row : rows) {
            if (!failed.contains(row)) {
                left += (minimum - round) * expectedNanos(row) / 1e9;
            }
        }
        return left;
    }

    private synchronized Round currentRound(int number) {
        return rounds.get(number - 1);
    }

    private synchronized void count(int number, boolean ok) {
        Round r = rounds.get(number - 1);
        rounds.set(number - 1, new Round(r.number(), r.kind(), r.planned(), r.finished() + (ok ? 1 : 0),
                r.failed() + (ok ? 0 : 1), r.status()));
    }

    private synchronized void endRound(int number, String status) {
        Round r = rounds.get(number - 1);
        rounds.set(number - 1, new Round(r.number(), r.kind(), r.planned(), r.finished(), r.failed(), status));
    }

    /** Each row's forks so far as one JMH result, in plan order; rows without a fork are left out. */
    synchronized List<RunResult> results() {
        List<RunResult> results = new ArrayList<>();
        for (Row row : rows) {
            MergedForks merged = forksByRow.get(row);
            if (merged != null) {
                results.add(merged.merged());
            }
        }
        return results;
    }

    synchronized List<Fork> forks() {
        return List.copyOf(forks);
    }

    synchronized List<Round> rounds() {
        return List.copyOf(rounds);
    }

    synchronized List<Row> failedRows() {
        return List.copyOf(failed);
    }

    synchronized String stoppedBy() {
        return stoppedBy;
    }

    long seed() {
        return seed;
    }

    int minimum() {
        return minimum;
    }

    int cap() {
        return cap;
    }
}
