package dev.crossbench.suite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.util.Statistics;

/**
 * A row's forks, run one JMH run each, merge into the result JMH itself
 * returns when it runs the same forks in one go: the same statistics (JMH's
 * own code computes them) and the same JSON, rawData in the order they ran.
 */
class MergedForksTest {
    private static final double[][] FORKS = {{100, 102, 101, 99, 100}, {120, 118, 121, 119, 122}, {95, 96, 97, 94, 95}};

    @Test
    void mergedForksGiveTheStatisticsOfOneJmhResultWithTheSameRawData(@TempDir Path dir) throws Exception {
        MergedForks merged = new MergedForks();
        for (double[] fork : FORKS) {
            merged.add(ForkResults.run("b.B.op", fork));
        }
        // What JMH's Runner returns for one benchmark run with 3 forks: one BenchmarkResult per fork.
        BenchmarkParams three = ForkResults.params("b.B.op", 3);
        RunResult oneRun = new RunResult(three, List.of(ForkResults.fork(three, FORKS[0]),
                ForkResults.fork(three, FORKS[1]), ForkResults.fork(three, FORKS[2])));

        Statistics expected = oneRun.getPrimaryResult().getStatistics();
        Statistics actual = merged.merged().getPrimaryResult().getStatistics();
        assertEquals(15, actual.getN());
        assertEquals(expected.getN(), actual.getN());
        assertEquals(expected.getMean(), actual.getMean(), 0);
        assertEquals(expected.getMeanErrorAt(0.999), actual.getMeanErrorAt(0.999), 0);
        assertEquals(expected.getPercentile(50), actual.getPercentile(50), 0);
        assertEquals(expected.getMin(), actual.getMin(), 0);
        assertEquals(expected.getMax(), actual.getMax(), 0);
        assertEquals(List.of(1 / 100.0, 1 / 120.0, 1 / 95.0), merged.medians(), "each fork's median time per op");

        JsonNode mergedJson = json(dir.resolve("merged.json"), merged.merged());
        JsonNode oneRunJson = json(dir.resolve("one-run.json"), oneRun);
        assertEquals(3, mergedJson.get("forks").asInt());
        assertEquals(oneRunJson.get("primaryMetric"), mergedJson.get("primaryMetric"), "score, error, percentiles, rawData");
        for (int fork = 0; fork < FORKS.length; fork++) {
            JsonNode raw = mergedJson.get("primaryMetric").get("rawData").get(fork);
            double[] values = new double[raw.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = raw.get(i).asDouble();
            }
            assertArrayEquals(FORKS[fork], values, 0, "rawData keeps the forks in the order they ran");
        }
    }

    private static JsonNode json(Path file, RunResult result) throws Exception {
        ResultFormatFactory.getInstance(ResultFormatType.JSON, file.toString()).writeOut(List.of(result));
        return new ObjectMapper().readTree(file.toFile()).get(0);
    }
}
