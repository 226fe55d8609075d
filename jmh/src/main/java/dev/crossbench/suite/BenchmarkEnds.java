package dev.crossbench.suite;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.IterationType;
import org.openjdk.jmh.runner.format.OutputFormat;

/**
 * JMH's host output, passed through, that hands each benchmark's result on as
 * soon as the benchmark ends, so the suite can save it then and not only when
 * the whole JMH run (a chunk) returns. JMH tells its output only the merged
 * result of all forks; this keeps each fork's measured iterations (a fork's
 * first measurement iteration is number 1) so the result has JMH's usual
 * shape, one {@link BenchmarkResult} per fork, as the Runner would return it.
 */
final class BenchmarkEnds extends ForwardingOutput {
    private final Consumer<RunResult> finished;
    private final List<List<IterationResult>> forks = new ArrayList<>();

    BenchmarkEnds(OutputFormat out, Consumer<RunResult> finished) {
        super(out);
        this.finished = finished;
    }

    @Override
    public void startBenchmark(BenchmarkParams benchParams) {
        forks.clear();
        out.startBenchmark(benchParams);
    }

    @Override
    public void iterationResult(BenchmarkParams benchParams, IterationParams params, int iteration, IterationResult data) {
        out.iterationResult(benchParams, params, iteration, data);
        if (params.getType() == IterationType.MEASUREMENT) {
            if (iteration == 1 || forks.isEmpty()) {
                forks.add(new ArrayList<>());
            }
            forks.get(forks.size() - 1).add(data);
        }
    }

    @Override
    public void endBenchmark(BenchmarkResult result) {
        out.endBenchmark(result);
        // A benchmark that failed ends with no result (or none measured): nothing to save.
        if (result != null && !forks.isEmpty()) {
            BenchmarkParams params = result.getParams();
            List<BenchmarkResult> perFork = new ArrayList<>();
            for (List<IterationResult> fork : forks) {
                perFork.add(new BenchmarkResult(params, fork));
            }
            finished.accept(new RunResult(params, perFork));
        }
        forks.clear();
    }
}
