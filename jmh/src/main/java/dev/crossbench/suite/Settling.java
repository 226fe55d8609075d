package dev.crossbench.suite;

import java.util.List;

/**
 * Whether a row has forks enough, from its forks' medians (Kalibera and Jones,
 * "Rigorous benchmarking in reasonable time", ISMM 2013: the forks are the
 * samples). The report's figure is the median of the fork medians, and its
 * 95% interval a Student t interval on their logs, widened by sqrt(pi/2), the
 * standard error of a median over a mean's (docs/statistics.md; the compare
 * step's bootstrap.half_width, which a simulated machine with slow stretches
 * shows covering the value re-runs centre on). A row is settled when that
 * interval is within ±3% and no two forks are more than 10% apart; otherwise
 * it needs another fork, and the reason goes into forks.csv. So a row the
 * suite stops repeating is one the report shows within ±3%.
 */
final class Settling {
    /** The widest interval, as a share of the figure, a settled row may have. */
    static final double HALF_WIDTH = 0.03;
    /** The most a settled row's forks may spread, as a share of its figure: the report's "forks differ" line. */
    static final double FORK_SPREAD = 0.10;
    static final String WIDE = "wide interval";
    /** The standard error of a median over a mean's, for normal samples. */
    private static final double MEDIAN_OVER_MEAN = Math.sqrt(Math.PI / 2);
    static final String DISAGREE = "forks disagree";

    /** t(0.975, df) for df = 1..30; beyond, 1.96 is within 4% of it. */
    private static final double[] T_975 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
            2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060,
            2.056, 2.052, 2.048, 2.045, 2.042};

    private Settling() {}

    /**
     * Why the row needs another fork, or null if it is settled; a row with
     * fewer than 2 forks is wide. The medians are times per op (any unit).
     */
    static String reason(List<Double> forkMedians) {
        if (spread(forkMedians) > FORK_SPREAD) {
            return DISAGREE;
        }
        return halfWidth(forkMedians) > HALF_WIDTH ? WIDE : null;
    }

    /**
     * The larger side of the report's 95% interval, as a share of the figure:
     * exp(t * sqrt(pi/2) * s / sqrt(n)) - 1, s the standard deviation of the
     * forks' log medians; infinite for fewer than 2 forks, which give no spread.
     */
    static double halfWidth(List<Double> forkMedians) {
        int n = forkMedians.size();
        if (n < 2) {
            return Double.POSITIVE_INFINITY;
        }
        double mean = forkMedians.stream().mapToDouble(Math::log).average().orElseThrow();
        double squares = forkMedians.stream().mapToDouble(m -> Math.pow(Math.log(m) - mean, 2)).sum();
        double s = Math.sqrt(squares / (n - 1));
        return Math.exp(t975(n - 1) * MEDIAN_OVER_MEAN * s / Math.sqrt(n)) - 1;
    }

    /**
     * The slowest fork's median less the fastest's, over the median of the
     * fork medians (the report's "fork spread"); 0 for fewer than 2 forks.
     */
    static double spread(List<Double> forkMedians) {
        if (forkMedians.size() < 2) {
            return 0;
        }
        double[] sorted = forkMedians.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : Math.sqrt(sorted[n / 2 - 1] * sorted[n / 2]);
        return (sorted[n - 1] - sorted[0]) / median;
    }

    static double t975(int degreesOfFreedom) {
        return degreesOfFreedom <= T_975.length ? T_975[degreesOfFreedom - 1] : 1.96;
    }
}
