package dev.crossbench.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The settings every benchmark class inherits (JMH reads these annotations
 * through superclasses). Throughput, the ops of all threads together per
 * second, which compare turns into time per op per thread (threads /
 * throughput): on 1 thread that is JMH's average time exactly, and on 2 it
 * stays meaningful when a lock lets one thread starve the other, where the
 * average-time mode (the mean of each thread's own time per op) jumped 10x
 * between iterations for Python under the GIL. Forks, not iterations, are the
 * independent samples (each fork's JIT, memory layout and the machine's load
 * shift all its iterations together), so a fork measures only 5 iterations of
 * 0.3 s, and the suite runs more forks instead: at least 3 per benchmark, in
 * interleaved rounds ({@code dev.crossbench.suite.Rounds}), more where the
 * interval is still wide. Each class sets its own warm-up from the warm-up
 * study and says why in its {@link WarmupEvidence}, which also gives the
 * shorter warm-up of the lanes outside the JVM. The plain JMH path runs 3
 * forks back to back, as JMH does. The command line overrides these as usual
 * ({@code -wi -i -w -r -f}).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 6, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 300, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 3, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public abstract class SuiteSettings {
    /**
     * The {@code lane} param's placeholder in the benchmark classes: JMH wants
     * compile-time defaults, and the lanes come from the registry at run time,
     * so the suite's plan fills in every registered lane (or the user's -p lane=).
     */
    public static final String EVERY_LANE = "every-registered-lane";

    /**
     * The {@code crossing} param's placeholder: every way in (dev.crossbench.lane.WayIn) that takes
     * every op to the lane and that this JVM has, filled in like the lanes.
     */
    public static final String EVERY_CROSSING = "every-crossing";

    /** As {@link #EVERY_CROSSING}, with the ways in measured for the crossing alone (JNA). */
    public static final String EVERY_TOLL_CROSSING = "every-toll-crossing";

    /** The {@code library} param's placeholder: every {@code JsonLibrary} role the lanes answer, filled in like the lanes. */
    public static final String EVERY_LIBRARY = "every-json-library";

    /** The {@code tier} param's placeholder: every HTTP tier a lane's web stack answers, filled in like the lanes. */
    public static final String EVERY_TIER = "every-http-tier";

    /** The {@code endpoint} param's placeholder: every endpoint whose app has code of its own in the lane. */
    public static final String EVERY_ENDPOINT = "every-http-endpoint";

    /** Where the warm-up lengths come from, and how to repeat the study. */
    public static final String WARMUP_STUDY = "sized from results/warmup-study-2026-11-24 (no warm-up, 20 measured "
            + "iterations of 0.5 s, 2 forks; java -jar target/benchmarks.jar --results DIR -wi 0 -i 20 -r 500ms "
            + "-f 2, then scripts/compare --settle DIR/RUN)";

    /** The benchmark classes of the suite, in the order it runs them. */
    public static final List<Class<?>> CLASSES = List.of(Crossing.class, BareCall.class, JsonParse.class, JsonFiles.class, JsonWrite.class,
            Bcrypt.class, Jwt.class, Requests.class);

    /** These settings in words, for env.json and the report. */
    public static String describe() {
        Measurement measurement = SuiteSettings.class.getAnnotation(Measurement.class);
        Fork fork = SuiteSettings.class.getAnnotation(Fork.class);
        return String.format("forks with %s, each measuring %d x %d %s after the warm-up of its class; the suite "
                        + "runs at least 3 per benchmark in interleaved rounds (env.json: rounds), the plain JMH path %d "
                        + "back to back", String.join(" ", fork.jvmArgsAppend()), measurement.iterations(),
                measurement.time(), unit(measurement.timeUnit()), fork.value());
    }

    /** Why each class warms up as long as it does (its {@link WarmupEvidence}), for env.json and the report. */
    public static Map<String, String> warmupEvidence() {
        Map<String, String> evidence = new LinkedHashMap<>();
        for (Class<?> benchmarkClass : CLASSES) {
            WarmupEvidence why = benchmarkClass.getAnnotation(WarmupEvidence.class);
            if (why != null) {
                Warmup warmup = benchmarkClass.getAnnotation(Warmup.class);
                evidence.put(benchmarkClass.getSimpleName(), why.value() + (why.nativeIterations() <= 0 ? ""
                        : String.format("; lanes outside the JVM warm up %d x %d %s", why.nativeIterations(),
                                warmup.time(), unit(warmup.timeUnit()))));
            }
        }
        return evidence;
    }

    private static String unit(TimeUnit unit) {
        return unit == TimeUnit.MILLISECONDS ? "ms" : unit == TimeUnit.SECONDS ? "s" : unit.toString().toLowerCase();
    }
}
