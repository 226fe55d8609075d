package dev.crossbench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;

/**
 * The schedule on made-up forks: every row gets the minimum, a row that has
 * not settled gets more forks up to the cap and says why, the budget ends the
 * extra rounds, and a failed row is not run again. No JMH fork runs.
 */
class RoundsTest {
    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong clock = new AtomicLong();
    private final Map<Row, Integer> runs = new HashMap<>();

    /** Each fork takes 10 s on the fake clock; its time per op is the row's n-th fork median, held for 5 iterations. */
    private Rounds.ForkRunner runner(Map<Row, double[]> medians, Row failing) {
        return row -> {
            clock.addAndGet(10 * SECOND);
            int n = runs.merge(row, 1, Integer::sum) - 1;
            if (row.equals(failing)) {
                return null;
            }
            double[] own = medians.get(row);
            double time = own == null ? 1000 : own[Math.min(n, own.length - 1)];
            double score = 1e6 / time; // made-up units: only ratios matter
            return ForkResults.run(row.benchmark(), score, score, score, score, score);
        };
    }

    private static final Rounds.Listener QUIET = new Rounds.Listener() {
        @Override
        public void roundStarting(Rounds.Round round, List<Row> order) {}

        @Override
        public void forkStarting(Rounds.Round round, int position, Row row) {}

        @Override
        public void forkEnded(Row row, boolean ok) {}
    };

    @Test
    void unsettledRowsGetMoreForksUpToTheCapAndSayWhy() {
        List<Row> rows = RoundOrderTest.rows();
        Row disagreeing = rows.get(0);
        Row settlesAtSix = rows.get(1);
        Map<Row, double[]> medians = Map.of(disagreeing, new double[] {1000, 1300, 900},
                settlesAtSix, new double[] {1000, 1050, 1000});
        Rounds rounds = new Rounds(rows, 1, 3, 6, Long.MAX_VALUE, clock::get);

        assertEquals("cap", rounds.run(runner(medians, null), QUIET));
        assertEquals(6, rounds.rounds().size());
        assertEquals(List.of("minimum", "minimum", "minimum", "forks disagree", "forks disagree", "forks disagree"),
                reasons(rounds, disagreeing));
        // One fork 5% off among 1,000s: ±3.4% at 5 forks, ±2.6% at 6.
        assertEquals(List.of("minimum", "minimum", "minimum", "wide interval", "wide interval", "wide interval"),
                reasons(rounds, settlesAtSix));
        for (Row row : rows.subList(2, rows.size())) {
            assertEquals(3, reasons(rounds, row).size(), "a steady row gets the minimum only: " + row.label());
        }
        for (Rounds.Fork fork : rounds.forks()) {
            assertTrue(fork.order() >= 1 && fork.order() <= rounds.rounds().get(fork.round() - 1).planned(), fork.toString());
        }
        RunResult merged = rounds.results().get(0);
        assertEquals(6, merged.getParams().getForks());
        assertEquals(6, merged.getBenchmarkResults().size());
    }

    @Test
    void everyRowSettledEndsTheRounds() {
        Rounds rounds = new Rounds(RoundOrderTest.rows(), 1, 3, 8, Long.MAX_VALUE, clock::get);
        assertEquals("every row settled", rounds.run(runner(Map.of(), null), QUIET));
        assertEquals(3, rounds.rounds().size());
    }

    @Test
    void theBudgetEndsTheExtraRoundsButNeverTheMinimum() {
        List<Row> rows = RoundOrderTest.rows();
        Row disagreeing = rows.get(0);
        // Due when the minimum rounds are half done: they finish all the same, and no extra fork starts.
        long deadline = rows.size() * 3 * 10 * SECOND / 2;
        Rounds rounds = new Rounds(rows, 1, 3, 8, deadline, clock::get);
        assertEquals("budget", rounds.run(runner(Map.of(disagreeing, new double[] {1000, 1300, 900}), null), QUIET));
        assertEquals(3, reasons(rounds, disagreeing).size());
        assertEquals(rows.size() * 3, rounds.forks().size());
    }

    @Test
    void aFailedRowIsNotRunAgain() {
        List<Row> rows = RoundOrderTest.rows();
        Row failing = rows.get(2);
        Rounds rounds = new Rounds(rows, 1, 3, 8, Long.MAX_VALUE, clock::get);
        rounds.run(runner(Map.of(), failing), QUIET);
        assertEquals(1, runs.get(failing));
        assertEquals(List.of(failing), rounds.failedRows());
        assertEquals(rows.size() - 1, rounds.results().size());
        assertEquals(1, rounds.rounds().get(0).failed());
        assertEquals(rows.size() - 1, rounds.rounds().get(1).planned());
    }

    @Test
    void theSettlingRuleIsATIntervalOnTheForksLogMedians() {
        assertEquals(Double.POSITIVE_INFINITY, Settling.halfWidth(List.of(1000.0)));
        assertEquals(Settling.WIDE, Settling.reason(List.of(1000.0)));
        assertNull(Settling.reason(List.of(1000.0, 1001.0, 999.0)));
        // logs' s = 0.02817 over 3 forks: exp(4.303 * 1.2533 * 0.02817 / sqrt 3) - 1 = 9.17%
        assertEquals(0.0917, Settling.halfWidth(List.of(1000.0, 1050.0, 1000.0)), 0.0005);
        assertEquals(Settling.DISAGREE, Settling.reason(List.of(1000.0, 1120.0, 1000.0, 1000.0)));
        assertEquals(0.12, Settling.spread(List.of(1000.0, 1120.0, 1000.0, 1000.0)), 1e-12, "(max - min) / median");
    }

    private static List<String> reasons(Rounds rounds, Row row) {
        return rounds.forks().stream().filter(f -> f.row().equals(row)).map(Rounds.Fork::reason).toList();
    }
}
