package dev.crossbench.suite;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The order of one round: its rows' blocks (a case's lanes and libraries,
 * {@link Row#block()}) in a random order, and each block's rows in a random
 * order, so a slow stretch of the machine falls on one fork of many rows
 * rather than on every fork of one (Abedi and Brecht, "Conducting repeatable
 * experiments in highly variable cloud computing environments", ICPE 2017),
 * while the lanes of a case stay side by side for paired ratios. The order
 * follows from the run's seed and the round's number alone, so a run's order
 * can be made again from env.json.
 */
final class RoundOrder {
    private RoundOrder() {}

    /** These rows in round {@code round}'s order for this seed. */
    static List<Row> order(List<Row> rows, long seed, int round) {
        Random random = new Random(seed * 1_000_003L + round);
        Map<String, List<Row>> blocks = new LinkedHashMap<>();
        for (Row row : rows) {
            blocks.computeIfAbsent(row.block(), b -> new ArrayList<>()).add(row);
        }
        List<List<Row>> shuffled = new ArrayList<>(blocks.values());
        Collections.shuffle(shuffled, random);
        List<Row> ordered = new ArrayList<>();
        for (List<Row> block : shuffled) {
            List<Row> members = new ArrayList<>(block);
            Collections.shuffle(members, random);
            ordered.addAll(members);
        }
        return ordered;
    }
}
