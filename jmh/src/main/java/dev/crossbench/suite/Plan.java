package dev.crossbench.suite;

import dev.crossbench.bench.JsonFiles;
import dev.crossbench.bench.Measures;
import dev.crossbench.bench.Requests;
import dev.crossbench.bench.ScalingSample;
import dev.crossbench.bench.SuiteSettings;
import dev.crossbench.check.CrossLaneChecks;
import dev.crossbench.lane.WayIn;
import dev.crossbench.lane.registry.Jdk;
import dev.crossbench.lane.registry.Lanes;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Optional;

/**
 * Which JMH runs a command asks for, and with which options. The plain JMH
 * path runs once per thread count; the suite expands the runs of each
 * benchmark class and thread count into {@link Row}s, whose forks it runs
 * one at a time in interleaved rounds.
 * Both add the same things to the user's options: the thread count, the
 * registered lanes as the {@code lane} param (unless {@code -p lane=} picks
 * some), the values of the params each lane answers for itself
 * ({@link LaneParam}: the JSON library roles as {@code library}, the HTTP
 * tiers as {@code tier}, unless {@code -p} picks some), the user's JSON files
 * as {@link JsonFiles}' {@code file} param (or JsonFiles left out), and quick
 * mode's short settings. Unless {@code -t} picks the thread count, runs on
 * more than 1 thread hold only each class's {@link ScalingSample}. Lanes that
 * answer different values of a param a class declares (a library, a tier or
 * an endpoint only some lanes have) run that class apart, each with its own,
 * since JMH runs every combination of the params it is given.
 */
final class Plan {
    /** One JMH run: what it is called in progress lines, its options, and how many benchmarks it runs. */
    record Run(String name, Options options, int benchmarks) {}

    private final Options user;
    private final List<Integer> threads;
    private final boolean quick;
    private final List<String> jsonFiles;
    /** Whether the runner runs the cross-lane checks once, before any fork: the forks then skip them. */
    private boolean checksInRunner;
    /**
     * For each benchmark class, the selected lanes grouped by the values they
     * answer of each {@link LaneParam} the class declares (param -> values):
     * one group while every lane answers every value, so a class without such
     * a param runs once for all lanes.
     */
    private final Map<Class<?>, Map<Map<String, List<String>>, List<String>>> lanesByAnswers = new LinkedHashMap<>();

    Plan(Options user, List<Integer> threads, boolean quick) throws Exception {
        this.user = user;
        this.threads = List.copyOf(threads);
        this.quick = quick;
        if (quick) {
            // Quick mode runs without forks, in this JVM, whose JIT the benchmarks before warm: no primer.
            System.setProperty(Requests.PRIMER_PROPERTY, "0");
        }
        this.jsonFiles = jsonFilesNamed();
        // A way in of a JVM of its own (Jep) needs forks: none in quick mode or with -f 0.
        boolean forks = !quick && user.getForkCount().orElse(1) > 0;
        for (Class<?> benchmarkClass : SuiteSettings.CLASSES) {
            lanesByAnswers.put(benchmarkClass, lanesByAnswers(user, LaneParam.declaredBy(benchmarkClass),
                    (lane, param) -> param.answeredBy(Lanes.get(lane).info()).stream()
                            .filter(value -> forks || !ownProcess(param, value)).toList()));
        }
    }

    /**
     * The selected lanes (-p lane, else every registered one), grouped by the
     * values of each of these {@link LaneParam}s that they answer among the
     * selected ones (-p, else every value). A name that is no registered lane
     * goes with every selected value: its setup then says what is wrong.
     */
    static Map<Map<String, List<String>>, List<String>> lanesByAnswers(Options user, Collection<LaneParam> params,
            BiFunction<String, LaneParam, Collection<String>> answeredBy) {
        List<String> lanes = user.getParameter("lane").hasValue() ? List.copyOf(user.getParameter("lane").get()) : Lanes.NAMES;
        Map<Map<String, List<String>>, List<String>> groups = new LinkedHashMap<>();
        for (String lane : lanes) {
            Map<String, List<String>> answers = new LinkedHashMap<>();
            for (LaneParam param : params) {
                Collection<String> picked = user.getParameter(param.id()).hasValue() ? user.getParameter(param.id()).get() : param.all();
                Collection<String> answered = Lanes.NAMES.contains(lane) ? answeredBy.apply(lane, param) : picked;
                answers.put(param.id(), param.all().stream().filter(v -> picked.contains(v) && answered.contains(v)).toList());
            }
            groups.computeIfAbsent(answers, a -> new ArrayList<>()).add(lane);
        }
        return groups;
    }

    /**
     * From now on, the runner runs every cross-lane check itself before the
     * first fork, and the forks' setups skip them
     * ({@link dev.crossbench.check.CrossLaneChecks#DONE_IN_RUNNER}).
     */
    void checksInRunner() {
        this.checksInRunner = true;
    }

    /** The user's options, as the command line gave them. */
    Options userOptions() {
        return user;
    }

    List<Integer> threads() {
        return threads;
    }

    boolean quick() {
        return quick;
    }

    List<String> jsonFiles() {
        return jsonFiles;
    }

    /**
     * The plain JMH path: every selected benchmark, once per thread count (on
     * more threads, the scaling samples); classes whose lanes group alike run
     * together, one run per group.
     */
    List<Run> byThreadCount() {
        Map<Map<Map<String, List<String>>, List<String>>, List<Class<?>>> classesByGroups = new LinkedHashMap<>();
        lanesByAnswers.forEach((benchmarkClass, groups) ->
                classesByGroups.computeIfAbsent(plainJmh(groups), g -> new ArrayList<>()).add(benchmarkClass));
        List<Run> runs = new ArrayList<>();
        for (int count : threads) {
            for (Map.Entry<Map<Map<String, List<String>>, List<String>>, List<Class<?>>> classes : classesByGroups.entrySet()) {
                for (Map.Entry<Map<String, List<String>>, List<String>> group : classes.getKey().entrySet()) {
                    ChainedOptionsBuilder builder = options(count, classes.getValue(), group.getValue(), group.getKey());
                    Options options = confine(builder, classes.getValue()).build();
                    String lanes = classes.getKey().size() == 1 ? "" : " (" + String.join(", ", group.getValue()) + ")";
                    runs.add(new Run("on " + threadsWord(count) + lanes, options, count(options)));
                }
            }
        }
        // Runs selecting nothing are left out; if all do, one stays so that JMH says nothing matched.
        List<Run> selecting = runs.stream().filter(run -> run.benchmarks() > 0).toList();
        return selecting.isEmpty() ? runs.subList(0, 1) : selecting;
    }

    /**
     * The groups for the plain JMH path, whose forks all start alike: a way in
     * of a JVM of its own (Jep) is left out unless it is the only crossing
     * asked for (-p crossing=jep), when every fork of the run gets its JVM.
     */
    private static Map<Map<String, List<String>>, List<String>> plainJmh(Map<Map<String, List<String>>, List<String>> groups) {
        Map<Map<String, List<String>>, List<String>> plain = new LinkedHashMap<>();
        groups.forEach((answers, lanes) -> {
            Map<String, List<String>> kept = new LinkedHashMap<>(answers);
            List<String> crossings = answers.get("crossing");
            if (crossings != null && crossings.stream().anyMatch(c -> !WayIn.of(c).ownProcess())) {
                kept.put("crossing", crossings.stream().filter(c -> !WayIn.of(c).ownProcess()).toList());
            }
            plain.computeIfAbsent(kept, k -> new ArrayList<>()).addAll(lanes);
        });
        return plain;
    }

    private static boolean ownProcess(LaneParam param, String value) {
        return param.id().equals("crossing") && WayIn.of(value).ownProcess();
    }

    /** The suite: one run per benchmark class and thread count; runs that select nothing are left out. */
    List<Run> byClassAndThreadCount() {
        List<Run> runs = new ArrayList<>();
        for (Class<?> benchmarkClass : SuiteSettings.CLASSES) {
            for (int count : threads) {
                if (sampledOn(count) && !benchmarkClass.isAnnotationPresent(ScalingSample.class)) {
                    continue;
                }
                Map<Map<String, List<String>>, List<String>> groups = lanesByAnswers.get(benchmarkClass);
                for (Map.Entry<Map<String, List<String>>, List<String>> group : groups.entrySet()) {
                    Run run = classRun(benchmarkClass, count, group.getValue(), group.getKey(), groups.size() > 1);
                    if (run.benchmarks() > 0) {
                        runs.add(run);
                    }
                }
            }
        }
        return runs;
    }

    /**
     * Every row of the suite ({@link #byClassAndThreadCount()}'s runs, each
     * expanded into its benchmark methods and param combinations, as JMH
     * would run them), in plan order; the rounds run them one fork at a time.
     */
    List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (Run run : byClassAndThreadCount()) {
            Options options = run.options();
            int threadCount = options.getThreads().orElse(1);
            for (Class<?> benchmarkClass : SuiteSettings.CLASSES) {
                for (Method method : sortedBenchmarks(benchmarkClass)) {
                    if (!selected(benchmarkClass.getName() + "." + method.getName(), options)) {
                        continue;
                    }
                    List<Map<String, String>> combinations = List.of(Map.of());
                    for (Field field : params(benchmarkClass, method)) {
                        Optional<Collection<String>> given = options.getParameter(field.getName());
                        Collection<String> values = given.hasValue() ? given.get() : List.of(field.getAnnotation(Param.class).value());
                        List<Map<String, String>> longer = new ArrayList<>();
                        for (Map<String, String> combination : combinations) {
                            for (String value : values) {
                                Map<String, String> next = new LinkedHashMap<>(combination);
                                next.put(field.getName(), value);
                                longer.add(next);
                            }
                        }
                        combinations = longer;
                    }
                    combinations.forEach(c -> rows.add(new Row(benchmarkClass, method.getName(), c, threadCount, options)));
                }
            }
        }
        return rows;
    }

    /** A class's benchmark methods by name: getMethods() has no order. */
    private static List<Method> sortedBenchmarks(Class<?> benchmarkClass) {
        return Stream.of(benchmarkClass.getMethods()).filter(m -> m.isAnnotationPresent(Benchmark.class))
                .sorted(Comparator.comparing(Method::getName)).toList();
    }

    /** One class on this many threads, for these lanes and the values they answer (named when the class's lanes run apart). */
    private Run classRun(Class<?> benchmarkClass, int threadCount, List<String> lanes, Map<String, List<String>> answers,
            boolean apart) {
        ChainedOptionsBuilder builder = options(threadCount, List.of(benchmarkClass), lanes, answers).shouldFailOnError(false);
        Options options = confine(builder, List.of(benchmarkClass)).build();
        String lanesWord = apart ? " (" + String.join(", ", lanes) + ")" : "";
        return new Run(benchmarkClass.getSimpleName() + " on " + threadsWord(threadCount) + lanesWord, options,
                count(options));
    }

    /** Confines a run to these classes: the user's includes (if any) select, and the other classes are excluded. */
    private ChainedOptionsBuilder confine(ChainedOptionsBuilder builder, List<Class<?>> classes) {
        if (user.getIncludes().isEmpty()) {
            classes.forEach(c -> builder.include(classPattern(c)));
        }
        // A bare call through a way in this JVM lacks (FFM before JDK 22) is left out; env.json says why.
        for (Class<?> benchmarkClass : classes) {
            for (Method method : benchmarkClass.getMethods()) {
                Measures measures = method.getAnnotation(Measures.class);
                if (measures != null && !measures.reference().isEmpty() && Lanes.unavailable(WayIn.of(measures.reference())) != null) {
                    builder.exclude("^" + Pattern.quote(benchmarkClass.getName() + "." + method.getName()) + "$");
                }
            }
        }
        for (Class<?> other : SuiteSettings.CLASSES) {
            if (!classes.contains(other)) {
                builder.exclude(classPattern(other));
            }
        }
        return builder;
    }

    /** Whether a run on this many threads holds only the scaling samples: more than 1, and no -t. */
    private boolean sampledOn(int threadCount) {
        return threadCount > 1 && !user.getThreads().hasValue();
    }

    /**
     * Confines a run to these classes' {@link ScalingSample}s: excludes every
     * other benchmark method (of every class, so a class without a sample runs
     * nothing), and returns the samples' params. Samples of different classes
     * must not set one param differently.
     */
    private static Map<String, List<String>> scalingSamples(ChainedOptionsBuilder builder, List<Class<?>> classes) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (Class<?> benchmarkClass : SuiteSettings.CLASSES) {
            ScalingSample sample = classes.contains(benchmarkClass) ? benchmarkClass.getAnnotation(ScalingSample.class) : null;
            for (Method method : benchmarkClass.getMethods()) {
                if (method.isAnnotationPresent(Benchmark.class)
                        && (sample == null || !Pattern.compile(sample.methods()).matcher(method.getName()).matches())) {
                    builder.exclude("^" + Pattern.quote(benchmarkClass.getName() + "." + method.getName()) + "$");
                }
            }
            for (String param : sample == null ? new String[0] : sample.params()) {
                String[] nameValue = param.split("=", 2);
                List<String> values = List.of(nameValue[1].split(","));
                List<String> before = params.putIfAbsent(nameValue[0], values);
                if (before != null && !before.equals(values)) {
                    throw new IllegalStateException("scaling samples set " + nameValue[0] + " to both " + before + " and " + values);
                }
            }
        }
        return params;
    }

    /**
     * The user's options on this many threads for a run of these classes,
     * lanes and the values they answer of each {@link LaneParam} (the user's
     * picks among them), with what every crossbench run adds. Other params:
     * the user's -p first, then the scaling samples' (JMH adds up the values
     * of one param given twice, so each is set once); a sample's values of a
     * lane-answered param that these lanes do not answer are left out.
     */
    private ChainedOptionsBuilder options(int threadCount, List<Class<?>> classes, List<String> lanes,
            Map<String, List<String>> answers) {
        ChainedOptionsBuilder builder = new OptionsBuilder().parent(user).threads(threadCount);
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("lane", lanes);
        params.putAll(answers);
        if (sampledOn(threadCount)) {
            scalingSamples(builder, classes).forEach((name, values) -> {
                List<String> kept = answers.containsKey(name)
                        ? values.stream().filter(answers.get(name)::contains).toList() : values;
                if (!user.getParameter(name).hasValue() && !kept.isEmpty()) {
                    params.put(name, kept);
                }
            });
        }
        params.forEach((name, values) -> builder.param(name, values.toArray(String[]::new)));
        // jvmArgsAppend replaces, so the user's -jvmArgsAppend and ours go in one call.
        List<String> append = new ArrayList<>(user.getJvmArgsAppend().orElse(List.of()));
        if (jsonFiles.isEmpty()) {
            builder.exclude(classPattern(JsonFiles.class));
        } else {
            builder.param("file", jsonFiles.toArray(String[]::new));
            append.add("-D" + JsonFiles.DIR_PROPERTY + "=" + System.getProperty(JsonFiles.DIR_PROPERTY));
        }
        if (checksInRunner) {
            append.add("-D" + CrossLaneChecks.DONE_IN_RUNNER + "=true");
        }
        List<String> crossings = answers.getOrDefault("crossing", List.of());
        if (!crossings.isEmpty() && crossings.stream().allMatch(c -> WayIn.of(c).ownProcess())) {
            append.add(Row.JEP_FORK);
        }
        // Forks start with this JVM's options; a JDK that warns on native access gets the flag that stops it.
        List<String> hostArgs = ManagementFactory.getRuntimeMXBean().getInputArguments();
        for (String arg : Jdk.laneArgs()) {
            if (!hostArgs.contains(arg) && !append.contains(arg)) {
                append.add(arg);
            }
        }
        if (!append.isEmpty()) {
            builder.jvmArgsAppend(append.toArray(String[]::new));
        }
        if (quick) {
            quick(builder);
        }
        return builder;
    }

    /**
     * For a first look at the whole suite in about three minutes: short
     * iterations, and no forks (every benchmark in this JVM, which has all
     * runtimes loaded), since starting a JVM with every runtime for each of
     * 95 benchmarks alone would take longer. The numbers are rough.
     */
    private static void quick(ChainedOptionsBuilder builder) {
        builder.forks(0)
                .warmupIterations(1)
                .warmupTime(TimeValue.milliseconds(200))
                .measurementIterations(2)
                .measurementTime(TimeValue.milliseconds(200));
    }

    /**
     * How many benchmarks (methods x param combinations) these options select
     * among {@link SuiteSettings#CLASSES}, read from the classes' own
     * annotations with JMH's rules: an include or exclude is a regular
     * expression found anywhere in the method's full name; the params are
     * those of the class (if it is a {@code @State}) and of the {@code @State}
     * arguments of the method, with values from the options where given.
     */
    static int count(Options options) {
        int count = 0;
        for (Class<?> benchmarkClass : SuiteSettings.CLASSES) {
            for (Method method : benchmarkClass.getMethods()) {
                String name = benchmarkClass.getName() + "." + method.getName();
                if (method.isAnnotationPresent(Benchmark.class) && selected(name, options)) {
                    count += combinations(benchmarkClass, method, options);
                }
            }
        }
        return count;
    }

    /** Whether JMH runs the benchmark method of this full name with these options. */
    static boolean selected(String name, Options options) {
        List<String> includes = options.getIncludes();
        boolean included = includes.isEmpty() || includes.stream().anyMatch(regex -> Pattern.compile(regex).matcher(name).find());
        return included && options.getExcludes().stream().noneMatch(regex -> Pattern.compile(regex).matcher(name).find());
    }

    private static int combinations(Class<?> benchmarkClass, Method method, Options options) {
        int combinations = 1;
        for (Field field : params(benchmarkClass, method)) {
            Optional<Collection<String>> given = options.getParameter(field.getName());
            combinations *= given.hasValue() ? given.get().size() : field.getAnnotation(Param.class).value().length;
        }
        return combinations;
    }

    /** The {@code @Param} fields of a benchmark: its class's, if a {@code @State}, and its {@code @State} arguments'. */
    static List<Field> params(Class<?> benchmarkClass, Method method) {
        List<Class<?>> states = new ArrayList<>(List.of(method.getParameterTypes()));
        states.add(benchmarkClass);
        return states.stream().filter(state -> state.isAnnotationPresent(State.class))
                .flatMap(state -> Stream.of(state.getFields()))
                .filter(field -> field.isAnnotationPresent(Param.class))
                .toList();
    }

    private static String classPattern(Class<?> benchmarkClass) {
        return "^" + Pattern.quote(benchmarkClass.getName() + ".");
    }

    private static String threadsWord(int count) {
        return count + (count == 1 ? " thread" : " threads");
    }

    /** Names of the regular files in the -Dcrossbench.json.dir folder, sorted; empty if none is named. */
    private static List<String> jsonFilesNamed() throws Exception {
        String dir = System.getProperty(JsonFiles.DIR_PROPERTY);
        if (dir == null) {
            return List.of();
        }
        Path folder = Path.of(dir);
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("-D" + JsonFiles.DIR_PROPERTY + "=" + dir + " is not a folder");
        }
        try (Stream<Path> entries = Files.list(folder)) {
            List<String> names = entries.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList();
            if (names.isEmpty()) {
                throw new IllegalArgumentException("the folder " + dir + " holds no files to parse");
            }
            return names;
        }
    }
}
