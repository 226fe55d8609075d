package dev.crossbench.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossbench.contract.JsonContract;
import dev.crossbench.lane.JsonLibraryDifferences;
import dev.crossbench.lane.JsonPlayers.Player;
import dev.crossbench.lane.JsonPlayers;
import dev.crossbench.lane.LaneException;
import dev.crossbench.payload.Payload;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated JSON, checked for agreement between lanes, not just for
 * no crash (OPS.md, "JSON documents every lane treats the same"): every lane's
 * json_tree_digest, with every JSON library, accepts a document with one digest or every lane rejects
 * it with a LaneException; where all accept, every lane's timed json_tree
 * accepts it with the same count. Runs within FuzzCampaign's budget; a
 * longer campaign: {@code mvn verify -Dcrossbench.fuzz.seconds=600 -Dtest=JsonFuzzTest
 * -Dsurefire.failIfNoSpecifiedTests=false}; replay one trial with
 * {@code -Dcrossbench.fuzz.seed=N}.
 */
class JsonFuzzTest {
    /** Every lane with every JSON library (JsonPlayers; -Dcrossbench.lanes=java for the Java lane alone). */
    private static final List<Player> PLAYERS = JsonPlayers.all();

    /** Where mutations start: the corpus payloads and hand-made edge documents. */
    private static final List<byte[]> SEEDS = new ArrayList<>();

    static {
        SEEDS.add(Payload.SMALL.bytes());
        SEEDS.add(Payload.MEDIUM.bytes());
        for (String doc : List.of(
                "{\"b\":[true,false,null],\"a\":{},\"c\":[],\"\u00e9\":\"\\u00e9\\\"\\\\\\/\\b\\f\\n\\r\\t\\u0001\"}",
                "[0,-0,-0.0,1,-1,0.1,1e21,1e-7,1E+2,123456789012345678901234567890,-1.5e300,5e-324,9007199254740993]",
                "{\"emoji\":\"\\ud83d\\ude80 \ud83d\ude80\",\"z\":1,\"a\":2,\"\u20ac\":3,\"\\u0000\":4,\"\ue000\":5,\"\ud800\udc00\":6}",
                "[[[[[[[[[[{\"deep\":[[[[1]]]]}]]]]]]]]]]",
                "\"just a string\"", "42", "null", "1.7976931348623157e308", "[\"\\\\ud800\"]")) {
            SEEDS.add(doc.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Bytes and fragments a mutation inserts: structure, escapes, bad UTF-8, big numbers. */
    private static final List<byte[]> FRAGMENTS = new ArrayList<>();

    static {
        for (String s : List.of("\"", "\\", "[", "]", "{", "}", ",", ":", " ", "\\u", "\\ud800", "\\udc00",
                "\\ud83d\\ude80", "e400", "e-400", "e308", "1e400", "-", ".", "0", "00", "9".repeat(310), "NaN",
                "Infinity", "true", "null", "\u00e9", "\u20ac", "\ud83d\ude80", "\t", "\n", "\u2028", "\u007f",
                "[".repeat(JsonContract.MAX_DEPTH), "\"a\":1", "1".repeat(JsonContract.MAX_NUMBER_CHARS),
                // what the fast libraries' timed parsers may take: comments, single quotes, trailing commas, big exponents
                "//", "/*", "*/", "'", ",]", ",}", "e2048", "\ud83d\ude80\":")) {
            FRAGMENTS.add(s.getBytes(StandardCharsets.UTF_8));
        }
        int[][] raw = {{0xff}, {0xc0, 0xaf}, {0xed, 0xa0, 0x80}, {0xef, 0xbb, 0xbf}, {0xe2, 0x82}, {0xf4, 0x90, 0x80, 0x80},
                {0x00}, {0x80}, {0xf0, 0x9f, 0x9a}};
        for (int[] r : raw) {
            byte[] b = new byte[r.length];
            for (int i = 0; i < r.length; i++) {
                b[i] = (byte) r[i];
            }
            FRAGMENTS.add(b);
        }
    }

    /** The document of the trial under way, to name it if a trial hangs. */
    private static volatile byte[] current = new byte[0];

    @Test
    void lanesAgreeOnRandomAndMutatedJson() {
        // A hang guard: the campaign's budget and a minute (a lane once looped on one number).
        Duration limit = Duration.ofSeconds(Long.getLong("crossbench.fuzz.seconds", FuzzCampaign.DEFAULT_SECONDS) + 60);
        Map<String, Long> outcomes = new LinkedHashMap<>();
        long trials = assertTimeoutPreemptively(limit, () -> FuzzCampaign.run("json", random -> {
            byte[] doc = random.nextInt(3) == 0 ? generate(random) : mutate(random);
            current = doc;
            outcomes.merge(check(doc), 1L, Long::sum);
        }), () -> "a trial did not finish: " + show(current));
        System.out.println("fuzz json outcomes: " + outcomes);
        assertTrue(trials > 0);
    }

    /** Checks one document in every lane; returns "accepted" or "rejected". */
    static String check(byte[] doc) {
        Map<String, String> digests = new LinkedHashMap<>();
        for (Player p : PLAYERS) {
            try {
                digests.put(p.id(), p.lane().jsonTreeDigest(p.library(), doc));
            } catch (LaneException e) {
                assertEquals(p.lane().name(), e.lane(), e.getMessage());
                digests.put(p.id(), "rejects (" + e.getMessage() + ")");
            }
        }
        // A documented library difference (JsonLibraryDifferences) may refuse what the others accept: left out then.
        Set<String> mayRefuse = JsonLibraryDifferences.mayRefuse(doc);
        digests.entrySet().removeIf(d -> mayRefuse.contains(d.getKey()) && d.getValue().startsWith("rejects"));
        boolean allReject = digests.values().stream().allMatch(d -> d.startsWith("rejects"));
        if (allReject) {
            return "rejected";
        }
        assertEquals(1, digests.values().stream().distinct().count(),
                "lanes disagree on json_tree_digest of " + show(doc) + ": " + digests);
        Map<String, String> counts = new LinkedHashMap<>();
        for (Player p : PLAYERS) {
            if (!digests.containsKey(p.id())) {
                continue;
            }
            try {
                counts.put(p.id(), Integer.toString(p.lane().jsonTree(p.library(), doc)));
            } catch (LaneException e) {
                counts.put(p.id(), "rejects (" + e.getMessage() + ")");
            }
        }
        assertEquals(1, counts.values().stream().distinct().count(),
                "every lane's digest accepts " + show(doc) + " but the timed json_tree does not agree: " + counts);
        return "accepted";
    }

    static String show(byte[] doc) {
        String text = new String(doc, StandardCharsets.UTF_8);
        String head = text.length() > 300 ? text.substring(0, 300) + "... (" + doc.length + " bytes)" : text;
        return "\"" + head + "\" (hex " + HexFormat.of().formatHex(doc, 0, Math.min(doc.length, 120)) + ")";
    }

    static byte[] mutate(Random random) {
        byte[] seed = SEEDS.get(random.nextInt(SEEDS.size()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(seed);
        byte[] doc = out.toByteArray();
        int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations; m++) {
            int at = doc.length == 0 ? 0 : random.nextInt(doc.length + 1);
            ByteArrayOutputStream next = new ByteArrayOutputStream();
            switch (random.nextInt(5)) {
                case 0 -> { // flip a byte
                    next.writeBytes(doc);
                    byte[] b = next.toByteArray();
                    if (b.length > 0) {
                        b[Math.min(at, b.length - 1)] ^= (byte) (1 << random.nextInt(8));
                    }
                    doc = b;
                    continue;
                }
                case 1 -> { // delete a run
                    int len = Math.min(doc.length - Math.min(at, doc.length), 1 + random.nextInt(8));
                    next.write(doc, 0, at);
                    next.write(doc, at + len, doc.length - at - len);
                }
                case 2 -> { // duplicate a run
                    int len = Math.min(doc.length - at, 1 + random.nextInt(32));
                    next.write(doc, 0, at + len);
                    next.write(doc, at, doc.length - at);
                }
                default -> { // insert a fragment
                    next.write(doc, 0, at);
                    next.writeBytes(FRAGMENTS.get(random.nextInt(FRAGMENTS.size())));
                    next.write(doc, at, doc.length - at);
                }
            }
            doc = next.toByteArray();
        }
        return doc;
    }

    /** A random, mostly valid document: nesting up to past the limit, numbers near the double range, escapes. */
    static byte[] generate(Random random) {
        StringBuilder b = new StringBuilder();
        int maxDepth = random.nextInt(10) == 0 ? JsonContract.MAX_DEPTH - 2 + random.nextInt(5) : 1 + random.nextInt(6);
        value(random, b, 0, maxDepth);
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void value(Random random, StringBuilder b, int depth, int maxDepth) {
        int kind = depth < maxDepth ? random.nextInt(7) : 2 + random.nextInt(5);
        if (depth < maxDepth && maxDepth > 10) {
            kind = random.nextInt(2); // a deep document: nest all the way
        }
        switch (kind) {
            case 0 -> {
                b.append('[');
                int n = maxDepth > 10 ? 1 : random.nextInt(5);
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        b.append(',');
                    }
                    value(random, b, depth + 1, maxDepth);
                }
                b.append(']');
            }
            case 1 -> {
                b.append('{');
                int n = maxDepth > 10 ? 1 : random.nextInt(5);
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        b.append(',');
                    }
                    string(random, b);
                    b.append(':');
                    value(random, b, depth + 1, maxDepth);
                }
                b.append('}');
            }
            case 2 -> string(random, b);
            case 3 -> number(random, b);
            case 4 -> b.append(random.nextBoolean() ? "true" : "false");
            case 5 -> b.append("null");
            default -> number(random, b);
        }
    }

    private static void string(Random random, StringBuilder b) {
        b.append('"');
        int n = random.nextInt(6);
        for (int i = 0; i < n; i++) {
            switch (random.nextInt(9)) {
                case 0 -> b.append((char) ('a' + random.nextInt(26)));
                case 1 -> b.append(String.format("\\u%04x", random.nextInt(0x10000)));
                case 2 -> b.append(String.format("\\u%04X\\u%04x", 0xd800 + random.nextInt(0x400), 0xdc00 + random.nextInt(0x400)));
                case 3 -> {
                    int cp = 0x80 + random.nextInt(0x10ff7f);
                    b.appendCodePoint(cp >= 0xd800 && cp <= 0xdfff ? 'x' : cp);
                }
                case 4 -> b.append("\\\\").append(random.nextBoolean() ? "ud800" : "n");
                case 5 -> b.append("\\").append("\"\\/bfnrt".charAt(random.nextInt(8)));
                case 6 -> b.append((char) (0xe000 + random.nextInt(0x2000)));
                case 7 -> b.append(new String(Character.toChars(0x10000 + random.nextInt(0x100000))));
                default -> b.append("[]{}:,".charAt(random.nextInt(6)));
            }
        }
        b.append('"');
    }

    private static void number(Random random, StringBuilder b) {
        switch (random.nextInt(6)) {
            case 0 -> b.append(random.nextLong());
            case 1 -> b.append(Double.toString(random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20)).replace("Infinity", "1"));
            case 2 -> b.append(random.nextBoolean() ? "-" : "").append(1 + random.nextInt(9)).append('e').append(300 + random.nextInt(20));
            case 3 -> b.append("1".repeat(1 + random.nextInt(400)));
            case 4 -> b.append("0.").append("3".repeat(random.nextInt(JsonContract.MAX_NUMBER_CHARS + 2)));
            default -> b.append(random.nextInt(1000)).append("e-").append(300 + random.nextInt(40));
        }
    }
}
