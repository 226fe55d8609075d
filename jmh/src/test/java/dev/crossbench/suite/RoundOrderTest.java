package dev.crossbench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossbench.bench.JsonParse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/** A round's order follows from the seed and the round alone, holds every row once, and keeps each case's lanes together. */
class RoundOrderTest {
    /** JsonParse.tree: 3 payloads x 3 lanes x 2 libraries on 1 thread, and one case on 2 threads. */
    static List<Row> rows() {
        var options = new OptionsBuilder().build();
        List<Row> rows = new ArrayList<>();
        for (String payload : List.of("small", "medium", "large")) {
            for (String lane : List.of("java", "go", "python")) {
                for (String library : List.of("usual", "fast")) {
                    rows.add(new Row(JsonParse.class, "tree", Map.of("payload", payload, "lane", lane, "library", library), 1, options));
                }
            }
        }
        for (String lane : List.of("java", "go", "python")) {
            rows.add(new Row(JsonParse.class, "tree", Map.of("payload", "medium", "lane", lane, "library", "usual"), 2, options));
        }
        return rows;
    }

    @Test
    void theSeedAndTheRoundMakeTheOrderAgain() {
        List<Row> rows = rows();
        assertEquals(RoundOrder.order(rows, 42, 1), RoundOrder.order(rows, 42, 1));
        assertEquals(RoundOrder.order(rows, 42, 3), RoundOrder.order(new ArrayList<>(rows), 42, 3));
        assertNotEquals(RoundOrder.order(rows, 42, 1), RoundOrder.order(rows, 42, 2), "each round is shuffled anew");
        assertNotEquals(RoundOrder.order(rows, 42, 1), RoundOrder.order(rows, 43, 1), "another seed, another order");
    }

    @Test
    void everyRowRunsOnceAndEachCasesLanesRunSideBySide() {
        List<Row> rows = rows();
        List<Row> order = RoundOrder.order(rows, 7, 1);
        assertEquals(Set.copyOf(rows), Set.copyOf(order));
        assertEquals(rows.size(), order.size());
        Set<String> closed = new HashSet<>();
        String current = null;
        for (Row row : order) {
            if (!row.block().equals(current)) {
                assertTrue(closed.add(row.block()), "the block " + row.block() + " is split: " + order);
                current = row.block();
            }
        }
        assertEquals(4, closed.size(), "3 payloads on 1 thread and one case on 2 threads");
    }
}
