package dev.crossbench.suite;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.ResultRole;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.ThroughputResult;
import org.openjdk.jmh.runner.IterationType;
import org.openjdk.jmh.runner.WorkloadParams;
import org.openjdk.jmh.runner.options.TimeValue;

/** JMH results made up for tests: one fork of a throughput benchmark with the given scores (ops/s). */
final class ForkResults {
    private ForkResults() {}

    static BenchmarkParams params(String benchmark, int forks) {
        WorkloadParams workload = new WorkloadParams();
        workload.put("lane", "go", 0);
        return new BenchmarkParams(benchmark, benchmark + "_generated", false, 1, new int[] {1}, List.of(), forks, 0,
                new IterationParams(IterationType.WARMUP, 2, TimeValue.milliseconds(500), 1),
                new IterationParams(IterationType.MEASUREMENT, 5, TimeValue.milliseconds(300), 1),
                Mode.Throughput, workload, TimeUnit.SECONDS, 1, "java", List.of("-Xmx1g"), "17", "vm", "1",
                "1.37", TimeValue.minutes(10));
    }

    static BenchmarkResult fork(BenchmarkParams params, double... scores) {
        List<IterationResult> iterations = new java.util.ArrayList<>();
        for (double score : scores) {
            IterationResult iteration = new IterationResult(params, params.getMeasurement(), null);
            // score ops in one second: JMH's throughput is then the score itself, in ops/s
            iteration.addResult(new ThroughputResult(ResultRole.PRIMARY, "op", score, 1_000_000_000L, TimeUnit.SECONDS));
            iterations.add(iteration);
        }
        return new BenchmarkResult(params, iterations);
    }

    /** One fork as a Runner returns it. */
    static RunResult run(String benchmark, double... scores) {
        BenchmarkParams params = params(benchmark, 1);
        return new RunResult(params, List.of(fork(params, scores)));
    }
}
