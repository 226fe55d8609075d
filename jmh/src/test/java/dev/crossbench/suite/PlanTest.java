package dev.crossbench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/** The Plan gives each lane only the JSON library roles it answers, and the user's -p picks among them. */
class PlanTest {
    /** As if the Go lane had no fast library. */
    private static final Function<String, Collection<String>> GO_WITHOUT_FAST =
            lane -> lane.equals("go") ? List.of("usual") : List.of("usual", "fast");

    @Test
    void lanesThatAnswerDifferentRolesRunApart() {
        Map<List<String>, List<String>> expected = new LinkedHashMap<>();
        expected.put(List.of("usual", "fast"), List.of("java", "python"));
        expected.put(List.of("usual"), List.of("go"));
        assertEquals(expected, Plan.lanesByRoles(new OptionsBuilder().build(), GO_WITHOUT_FAST));
    }

    @Test
    void theUsersPicksNarrowTheGroups() {
        assertEquals(Map.of(List.of("usual"), List.of("java", "go")),
                Plan.lanesByRoles(new OptionsBuilder().param("lane", "java", "go").param("library", "usual").build(), GO_WITHOUT_FAST));
        assertEquals(Map.of(List.of("usual", "fast"), List.of("java", "go", "python")),
                Plan.lanesByRoles(new OptionsBuilder().build(), lane -> List.of("fast", "usual")));
    }
}
