package dev.crossbench.suite;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.WorkloadParams;

/**
 * One row's forks, each from a JMH run of its own, as one JMH result: the
 * result JMH would have returned had it run them all in one go, one
 * {@link BenchmarkResult} per fork in the order they ran (so rawData's n-th
 * list is forks.csv's fork n), and "forks" in the params saying how many.
 */
final class MergedForks {
    private final List<BenchmarkResult> forks = new ArrayList<>();

    void add(RunResult oneFork) {
        forks.addAll(oneFork.getBenchmarkResults());
    }

    int size() {
        return forks.size();
    }

    /**
     * Each fork's median time per op, as the report takes it: the median of
     * its iterations' 1 / score (JMH's score is ops per time unit; the unit
     * cancels out of every use).
     */
    List<Double> medians() {
        List<Double> medians = new ArrayList<>();
        for (BenchmarkResult fork : forks) {
            double[] scores = fork.getIterationResults().stream()
                    .mapToDouble(iteration -> 1 / iteration.getPrimaryResult().getScore()).sorted().toArray();
            int n = scores.length;
            medians.add(n % 2 == 1 ? scores[n / 2] : (scores[n / 2 - 1] + scores[n / 2]) / 2);
        }
        return medians;
    }

    /** The forks as one result, or null if none finished. */
    RunResult merged() {
        if (forks.isEmpty()) {
            return null;
        }
        BenchmarkParams params = withForks(forks.get(0).getParams(), forks.size());
        List<BenchmarkResult> relabelled = new ArrayList<>();
        for (BenchmarkResult fork : forks) {
            List<IterationResult> iterations = new ArrayList<>(fork.getIterationResults());
            relabelled.add(new BenchmarkResult(params, iterations, fork.getMetadata()));
        }
        return new RunResult(params, relabelled);
    }

    /** The same params with this fork count: what JMH writes as the result's "forks". */
    static BenchmarkParams withForks(BenchmarkParams p, int forks) {
        WorkloadParams workload = new WorkloadParams();
        int order = 0;
        for (String key : p.getParamsKeys()) {
            workload.put(key, p.getParam(key), order++);
        }
        int[] groups = p.getThreadGroups();
        return new BenchmarkParams(p.getBenchmark(), p.generatedBenchmark(), p.shouldSynchIterations(),
                p.getThreads(), Arrays.copyOf(groups, groups.length), p.getThreadGroupLabels(), forks,
                p.getWarmupForks(), p.getWarmup(), p.getMeasurement(), p.getMode(), workload, p.getTimeUnit(),
                p.getOpsPerInvocation(), p.getJvm(), p.getJvmArgs(), p.getJdkVersion(), p.getVmName(),
                p.getVmVersion(), p.getJmhVersion(), p.getTimeout());
    }
}
