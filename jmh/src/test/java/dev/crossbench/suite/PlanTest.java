package dev.crossbench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.crossbench.bench.BareCall;
import dev.crossbench.bench.Crossing;
import dev.crossbench.bench.JsonParse;
import dev.crossbench.bench.Requests;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The Plan gives each lane only the values it answers of each lane-answered
 * param (JSON library roles, HTTP tiers), and the user's -p picks among them.
 */
class PlanTest {
    private static final List<String> TIERS = List.of("handler", "framework", "server", "server-caller");
    private static final List<String> NO_CALLER = List.of("handler", "framework", "server");

    /** As if the Go lane had no fast library, and no server-caller tier. */
    private static final BiFunction<String, LaneParam, Collection<String>> GO_WITHOUT_FAST =
            (lane, param) -> param == LaneParam.LIBRARY ? (lane.equals("go") ? List.of("usual") : List.of("usual", "fast"))
                    : (lane.equals("go") ? NO_CALLER : TIERS);

    private static final List<LaneParam> BOTH = List.of(LaneParam.LIBRARY, LaneParam.TIER);

    private static Map<String, List<String>> answers(List<String> roles, List<String> tiers) {
        Map<String, List<String>> answers = new LinkedHashMap<>();
        answers.put("library", roles);
        answers.put("tier", tiers);
        return answers;
    }

    @Test
    void lanesThatAnswerDifferentValuesRunApart() {
        Map<Map<String, List<String>>, List<String>> expected = new LinkedHashMap<>();
        expected.put(answers(List.of("usual", "fast"), TIERS), List.of("java", "python"));
        expected.put(answers(List.of("usual"), NO_CALLER), List.of("go"));
        assertEquals(expected, Plan.lanesByAnswers(new OptionsBuilder().build(), BOTH, GO_WITHOUT_FAST));
    }

    @Test
    void theUsersPicksNarrowTheGroups() {
        assertEquals(Map.of(answers(List.of("usual"), List.of("server")), List.of("java", "go")),
                Plan.lanesByAnswers(new OptionsBuilder().param("lane", "java", "go").param("library", "usual")
                        .param("tier", "server").build(), BOTH, GO_WITHOUT_FAST));
        assertEquals(Map.of(answers(List.of("usual", "fast"), TIERS), List.of("java", "go", "python")),
                Plan.lanesByAnswers(new OptionsBuilder().build(), BOTH, (lane, param) -> param.all()));
    }

    @Test
    void aClassGroupsLanesOnlyByTheParamsItDeclares() {
        assertEquals(List.of(), LaneParam.declaredBy(BareCall.class), "the bare calls must run once, not once per group");
        assertEquals(List.of(LaneParam.TOLL_CROSSING), LaneParam.declaredBy(Crossing.class));
        assertEquals(List.of(LaneParam.LIBRARY, LaneParam.CROSSING), LaneParam.declaredBy(JsonParse.class));
        assertEquals(List.of(LaneParam.TIER, LaneParam.ENDPOINT, LaneParam.CROSSING), LaneParam.declaredBy(Requests.class));
        assertEquals(Map.of(Map.of(), List.of("java", "go", "python")),
                Plan.lanesByAnswers(new OptionsBuilder().build(), List.of(), GO_WITHOUT_FAST));
    }
}
