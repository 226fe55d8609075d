package dev.crossbench.suite;

import dev.crossbench.bench.Requests;
import dev.crossbench.bench.SuiteSettings;
import dev.crossbench.lane.HttpTier;
import dev.crossbench.lane.JsonLibrary;
import dev.crossbench.lane.LaneInfo;
import dev.crossbench.lane.WayIn;
import dev.crossbench.lane.registry.Lanes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * A benchmark param whose values each lane answers for itself: the JSON
 * library roles it has, the HTTP tiers its web stack has, the endpoints it
 * times (those whose app has code of its own there), the ways in that reach
 * it (JNI, FFM where this JVM has it, JNA for the crossing alone, Jep for
 * Python in forks of its own; none for the Java lane). The plan fills in
 * each lane's own values where a benchmark declares the placeholder, so a lane
 * that lacks a value runs without it.
 */
enum LaneParam {
    LIBRARY("library", SuiteSettings.EVERY_LIBRARY, Arrays.stream(JsonLibrary.values()).map(JsonLibrary::id).toList()),
    TIER("tier", SuiteSettings.EVERY_TIER, Arrays.stream(HttpTier.values()).map(HttpTier::id).toList()),
    ENDPOINT("endpoint", SuiteSettings.EVERY_ENDPOINT, Requests.ENDPOINTS),
    /** The ways in that take every op to the lane, among those this JVM can use. */
    CROSSING("crossing", SuiteSettings.EVERY_CROSSING, Arrays.stream(WayIn.values()).map(WayIn::id).toList()),
    /** Every way in this JVM can use, for the crossing's own benchmarks. */
    TOLL_CROSSING("crossing", SuiteSettings.EVERY_TOLL_CROSSING, Arrays.stream(WayIn.values()).map(WayIn::id).toList());

    private final String id;
    private final String placeholder;
    private final List<String> all;

    LaneParam(String id, String placeholder, List<String> all) {
        this.id = id;
        this.placeholder = placeholder;
        this.all = all;
    }

    /** The JMH param's name. */
    String id() {
        return id;
    }

    /** The {@code @Param} default that stands for "every value the lane answers". */
    String placeholder() {
        return placeholder;
    }

    /** Every value, in report order. */
    List<String> all() {
        return all;
    }

    /** The values a lane answers, as it reports them. */
    Collection<String> answeredBy(LaneInfo info) {
        return switch (this) {
            case LIBRARY -> info.jsonLibraries().keySet();
            case TIER -> info.httpTiers().stream().map(HttpTier::id).toList();
            case ENDPOINT -> Requests.endpointsOf(info);
            case CROSSING, TOLL_CROSSING -> Lanes.waysIn(info.lane()).stream()
                    .filter(way -> Lanes.unavailable(way) == null && (this == TOLL_CROSSING || way.everyOp()))
                    .map(WayIn::id).toList();
        };
    }

    /** The params of this kind that a benchmark class declares (with the placeholder), in any of its benchmarks' states. */
    static List<LaneParam> declaredBy(Class<?> benchmarkClass) {
        List<LaneParam> declared = new ArrayList<>();
        for (LaneParam param : values()) {
            boolean found = Arrays.stream(benchmarkClass.getMethods()).filter(m -> m.isAnnotationPresent(Benchmark.class))
                    .flatMap(m -> Plan.params(benchmarkClass, m).stream())
                    .anyMatch(field -> Arrays.equals(field.getAnnotation(Param.class).value(), new String[] {param.placeholder}));
            if (found) {
                declared.add(param);
            }
        }
        return declared;
    }
}
