package dev.crossbench.suite;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.runner.IterationType;
import org.openjdk.jmh.runner.format.OutputFormat;

/**
 * JMH's usual console output, plus a record of the machine's load during every
 * measured iteration ({@link MachineLoad}): for each benchmark, how many cores
 * other processes used on average and at most while it was measured. JMH
 * reports each iteration of a fork to this, the host's output, as it ends.
 */
final class LoadRecorder extends ForwardingOutput {
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private MachineLoad.Sample iterationStart;
    /** The sample that ended the last measured iteration: the next one's start, so each costs one sample. */
    private MachineLoad.Sample lastEnd;

    /** The load while one benchmark (all its forks) was measured. */
    private static final class Entry {
        final Map<String, Object> identity = new LinkedHashMap<>();
        int iterations;
        double seconds;
        double otherCoreSeconds;
        double stealCoreSeconds;
        double maxOtherCores;

        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>(identity);
            map.put("iterations", iterations);
            map.put("seconds", round(seconds));
            map.put("other_cores", round(otherCoreSeconds / seconds));
            map.put("max_other_cores", round(maxOtherCores));
            map.put("steal_cores", round(stealCoreSeconds / seconds));
            return map;
        }
    }

    LoadRecorder(OutputFormat out) {
        super(out);
    }

    /** One map per benchmark measured so far, for machine-load.json. */
    synchronized List<Map<String, Object>> benchmarks() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Entry entry : entries.values()) {
            if (entry.seconds > 0) {
                list.add(entry.toMap());
            }
        }
        return list;
    }

    static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    /**
     * Samples cost about 0.8 ms of the runner's CPU (reading /proc), on the
     * machine the benchmark runs on: one per measured iteration, plus one at
     * the start of each fork's measurement.
     */
    @Override
    public synchronized void iteration(BenchmarkParams benchParams, IterationParams params, int iteration) {
        if (params.getType() == IterationType.MEASUREMENT) {
            iterationStart = iteration == 1 || lastEnd == null ? MachineLoad.sample() : lastEnd;
        } else {
            iterationStart = null;
        }
        out.iteration(benchParams, params, iteration);
    }

    @Override
    public synchronized void iterationResult(BenchmarkParams benchParams, IterationParams params, int iteration,
                                             IterationResult data) {
        out.iterationResult(benchParams, params, iteration, data);
        MachineLoad.Sample end = iterationStart == null ? null : MachineLoad.sample();
        if (end == null) {
            return;
        }
        MachineLoad.Usage usage = MachineLoad.between(iterationStart, end);
        iterationStart = null;
        lastEnd = end;
        Entry entry = entries.computeIfAbsent(key(benchParams), k -> newEntry(benchParams));
        entry.iterations++;
        entry.seconds += usage.seconds();
        entry.otherCoreSeconds += usage.otherCores() * usage.seconds();
        entry.stealCoreSeconds += usage.stealCores() * usage.seconds();
        entry.maxOtherCores = Math.max(entry.maxOtherCores, usage.otherCores());
    }

    private static String key(BenchmarkParams params) {
        StringBuilder key = new StringBuilder(params.getBenchmark()).append(' ').append(params.getThreads());
        for (String name : params.getParamsKeys()) {
            key.append(' ').append(name).append('=').append(params.getParam(name));
        }
        return key.toString();
    }

    private static Entry newEntry(BenchmarkParams params) {
        Entry entry = new Entry();
        Map<String, String> values = new TreeMap<>();
        for (String name : params.getParamsKeys()) {
            values.put(name, params.getParam(name));
        }
        entry.identity.put("benchmark", params.getBenchmark());
        entry.identity.put("params", values);
        entry.identity.put("threads", params.getThreads());
        return entry;
    }
}
