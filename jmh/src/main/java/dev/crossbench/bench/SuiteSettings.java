package dev.crossbench.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The settings every benchmark class inherits (JMH reads these annotations
 * through superclasses): time per op in ns, and iterations sized so the full
 * suite of 86 benchmarks, 1 and 2 threads, takes about 12 minutes on 2 cores.
 * The command line overrides them as usual ({@code -wi -i -w -r -f}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public abstract class SuiteSettings {

    /** These settings in words, for env.json and the report. */
    static String describe() {
        Warmup warmup = SuiteSettings.class.getAnnotation(Warmup.class);
        Measurement measurement = SuiteSettings.class.getAnnotation(Measurement.class);
        Fork fork = SuiteSettings.class.getAnnotation(Fork.class);
        return String.format("warmup %d x %d s, measurement %d x %d s, %d fork(s) with %s",
                warmup.iterations(), warmup.time(), measurement.iterations(), measurement.time(),
                fork.value(), String.join(" ", fork.jvmArgsAppend()));
    }
}
