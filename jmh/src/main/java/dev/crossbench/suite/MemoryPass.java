package dev.crossbench.suite;

import dev.crossbench.bench.SuiteSettings;
import dev.crossbench.lane.Lane;
import dev.crossbench.lane.registry.Lanes;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.util.Optional;

/**
 * Bytes allocated per op: every benchmark of the suite that runs in a lane, on
 * 1 thread, with the params the run selected, in an untimed pass after JMH
 * (counting would perturb the timing: Python's counting allocator hooks cost a
 * call per allocation). Each benchmark is set up as JMH sets it up (its
 * states, params and {@code @Setup}), warmed up so Java's JIT (and its escape
 * analysis, which removes allocations) is done, then called {@code calls}
 * times between the lane's {@link Lane#allocStart()} and
 * {@link Lane#allocStop()}: the bytes that the runtime doing the work
 * allocated (Java: the calling thread's TLAB and heap; Go: the Go heap;
 * Python: the PyMem and PyObject allocators). For a native lane the JVM
 * thread's own bytes (the crossing's result arrays and strings) are counted
 * apart. Bytes allocated, whether or not they were soon freed: not resident
 * memory. Written to memory.csv, which scripts/compare joins into summary.csv.
 */
final class MemoryPass {
    static final String FILE = "memory.csv";

    /** One benchmark's count: {@code params} in summary.csv's form (non-lane params, "k=v k=v", sorted). */
    record Count(String benchmark, String params, String lane, double bytesPerOp, double jvmBytesPerOp, long calls) {}

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final long warmupNanos;
    private final long countNanos;

    /** Warm-up and counting lengths: a count needs no statistics, only a warm JIT and enough calls to average. */
    MemoryPass(boolean quick) {
        this.warmupNanos = quick ? 100_000_000L : 500_000_000L;
        this.countNanos = quick ? 50_000_000L : 300_000_000L;
    }

    /** Counts every benchmark these runs' options select, printing a line for each; what failed is reported and skipped. */
    List<Count> run(List<Options> runs) {
        List<Target> targets = new ArrayList<>();
        runs.forEach(options -> targets.addAll(targets(options)));
        List<Count> counts = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            Target target = targets.get(i);
            try {
                Count count = count(target);
                counts.add(count);
                System.out.printf("crossbench: memory %d of %d: %s %s %s: %,.0f bytes/op (JVM %,.0f)%n", i + 1,
                        targets.size(), shortName(target.method), count.params, count.lane, count.bytesPerOp,
                        count.jvmBytesPerOp);
            } catch (Throwable e) {
                System.err.printf("crossbench: memory %d of %d: %s %s: %s%n", i + 1, targets.size(),
                        shortName(target.method), target.params, e);
            }
        }
        return counts;
    }

    /** memory.csv in the run folder, written whole through a temporary file. */
    static void write(Path dir, List<Count> counts) throws IOException {
        StringBuilder csv = new StringBuilder("benchmark,params,lane,bytes_per_op,jvm_bytes_per_op,calls\n");
        for (Count c : counts) {
            csv.append(String.format(java.util.Locale.ROOT, "%s,%s,%s,%.1f,%.1f,%d%n", c.benchmark, c.params, c.lane,
                    c.bytesPerOp, c.jvmBytesPerOp, c.calls));
        }
        Path temporary = dir.resolve(FILE + ".tmp");
        Files.writeString(temporary, csv, StandardCharsets.UTF_8);
        Files.move(temporary, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** One benchmark method with one combination of params (lane included). */
    record Target(Class<?> benchmarkClass, Method method, Map<String, String> params) {
        String lane() {
            return params.get("lane");
        }
    }

    /**
     * Every selected benchmark method that runs in a lane (has a {@code lane}
     * param) with every combination of its params: the options' values where
     * given, else every lane, every value of a {@link LaneParam}, and the {@code @Param} defaults.
     */
    static List<Target> targets(Options options) {
        List<Target> targets = new ArrayList<>();
        for (Class<?> benchmarkClass : SuiteSettings.CLASSES) {
            for (Method method : benchmarkClass.getMethods()) {
                String name = benchmarkClass.getName() + "." + method.getName();
                if (!method.isAnnotationPresent(Benchmark.class) || !Plan.selected(name, options)) {
                    continue;
                }
                Map<String, List<String>> values = new TreeMap<>();
                for (Field field : Plan.params(benchmarkClass, method)) {
                    values.put(field.getName(), values(field, options));
                }
                if (values.containsKey("lane")) {
                    for (Map<String, String> combination : combinations(values)) {
                        // What a runtime allocates does not depend on the way in: counted through the usual one.
                        String crossing = combination.get("crossing");
                        if (crossing == null || crossing.equals(Lanes.usualWayIn(combination.get("lane")).id())) {
                            targets.add(new Target(benchmarkClass, method, combination));
                        }
                    }
                }
            }
        }
        return targets;
    }

    private static List<String> values(Field field, Options options) {
        Optional<Collection<String>> given = options.getParameter(field.getName());
        if (given.hasValue()) {
            return List.copyOf(given.get());
        }
        List<String> declared = List.of(field.getAnnotation(Param.class).value());
        if (declared.equals(List.of(SuiteSettings.EVERY_LANE))) {
            return Lanes.NAMES;
        }
        for (LaneParam param : LaneParam.values()) {
            if (declared.equals(List.of(param.placeholder()))) {
                return param.all();
            }
        }
        return declared;
    }

    private static List<Map<String, String>> combinations(Map<String, List<String>> values) {
        List<Map<String, String>> combinations = new ArrayList<>(List.of(new LinkedHashMap<>()));
        values.forEach((name, choices) -> {
            List<Map<String, String>> longer = new ArrayList<>();
            for (Map<String, String> partial : combinations) {
                for (String choice : choices) {
                    Map<String, String> next = new LinkedHashMap<>(partial);
                    next.put(name, choice);
                    longer.add(next);
                }
            }
            combinations.clear();
            combinations.addAll(longer);
        });
        return combinations;
    }

    private Count count(Target target) throws Throwable {
        Object benchmark = target.benchmarkClass.getDeclaredConstructor().newInstance();
        List<Object> states = new ArrayList<>();
        for (Class<?> type : target.method.getParameterTypes()) {
            states.add(type.getDeclaredConstructor().newInstance());
        }
        List<Object> withState = new ArrayList<>(states);
        if (target.benchmarkClass.isAnnotationPresent(State.class)) {
            withState.add(benchmark);
        }
        for (Object state : withState) {
            setParams(state, target.params);
            invokeAll(state, Setup.class, withState);
        }
        try {
            // ()void: no boxing of the result, so the Java lane's count is the op's own.
            MethodHandle bound = MethodHandles.insertArguments(MethodHandles.publicLookup().unreflect(target.method), 0,
                    prepend(benchmark, states)).asType(MethodType.methodType(void.class));
            long calls = warmUp(bound);
            Lane lane = Lanes.get(target.lane());
            lane.allocStart();
            long jvmBefore = THREADS.getCurrentThreadAllocatedBytes();
            for (long i = 0; i < calls; i++) {
                bound.invokeExact();
            }
            long jvm = THREADS.getCurrentThreadAllocatedBytes() - jvmBefore;
            long runtime = lane.allocStop();
            return new Count(target.benchmarkClass.getName() + "." + target.method.getName(), summaryParams(target.params),
                    target.lane(), (double) runtime / calls, (double) jvm / calls, calls);
        } finally {
            for (Object state : withState) {
                invokeAll(state, TearDown.class, withState);
            }
        }
    }

    /** Calls the op for the warm-up time (at least 3 times); returns how many calls fill the counting time (at least 3). */
    private long warmUp(MethodHandle bound) throws Throwable {
        long start = System.nanoTime();
        long calls = 0;
        while (calls < 3 || System.nanoTime() - start < warmupNanos) {
            bound.invokeExact();
            calls++;
        }
        double nanosPerCall = (double) (System.nanoTime() - start) / calls;
        return Math.max(3, (long) (countNanos / nanosPerCall));
    }

    private static Object[] prepend(Object first, List<Object> rest) {
        List<Object> all = new ArrayList<>(List.of(first));
        all.addAll(rest);
        return all.toArray();
    }

    private static void setParams(Object state, Map<String, String> params) throws IllegalAccessException {
        for (Field field : state.getClass().getFields()) {
            if (field.isAnnotationPresent(Param.class)) {
                String value = params.get(field.getName());
                field.set(state, field.getType() == int.class ? Integer.parseInt(value) : value);
            }
        }
    }

    /**
     * Calls the state's methods that carry the annotation, as JMH does: a
     * method's arguments are other states of the benchmark (JMH's state
     * dependencies), set up before it because {@code states} lists them first.
     */
    private static void invokeAll(Object state, Class<? extends java.lang.annotation.Annotation> annotation,
            List<Object> states) throws Exception {
        for (Method method : state.getClass().getMethods()) {
            if (method.isAnnotationPresent(annotation)) {
                Object[] args = new Object[method.getParameterCount()];
                for (int i = 0; i < args.length; i++) {
                    Class<?> type = method.getParameterTypes()[i];
                    args[i] = states.stream().filter(type::isInstance).findFirst().orElseThrow(() ->
                            new IllegalStateException(method + " needs a " + type.getSimpleName() + " state"));
                }
                method.invoke(state, args);
            }
        }
    }

    /** summary.csv's params: every param but lane, "k=v k=v", sorted by name. */
    private static String summaryParams(Map<String, String> params) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(params).forEach((name, value) -> {
            // The way in is left out: what the runtime allocates is the same whichever way the op came (see targets).
            if (!name.equals("lane") && !name.equals("crossing")) {
                text.append(text.length() == 0 ? "" : " ").append(name).append('=').append(value);
            }
        });
        return text.toString();
    }

    private static String shortName(Method method) {
        return method.getDeclaringClass().getSimpleName() + "." + method.getName();
    }
}
