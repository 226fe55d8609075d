package dev.crossbench.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.crossbench.check.CrossLaneChecks;
import dev.crossbench.lane.JsonLibrary;
import dev.crossbench.lane.JsonPlayers.Player;
import dev.crossbench.lane.JsonPlayers;
import dev.crossbench.lane.Lane;
import dev.crossbench.lane.LaneException;
import dev.crossbench.lane.Op;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * OPS.md, "JSON documents every lane treats the same": each row, in every lane
 * with every JSON library (JsonPlayers; -Dcrossbench.lanes=java for the Java
 * lane alone).
 * The digest ops (what selfcheck, every benchmark's setup and json-parse use)
 * accept a document in every lane with the same digest, or reject it in every
 * lane with a LaneException naming lane, op and cause. The timed ops
 * (json_tree, json_bind) agree on every document the contract accepts, and
 * accept a document it rejects only where OPS.md lists that lane's library as
 * lenient.
 */
class JsonContractTest {
    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] raw(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    static byte[] nested(int depth) {
        return bytes("[".repeat(depth) + "]".repeat(depth));
    }

    /**
     * Documents the contract rejects, with the lane/library pairs whose timed
     * json_tree is documented lenient (OPS.md), such as {@code java/fast}.
     */
    static final Map<String, Rejected> REJECTED = new LinkedHashMap<>();
    /** Documents the contract accepts: the same count and digest in every lane with every library. */
    static final Map<String, byte[]> ACCEPTED = new LinkedHashMap<>();

    /**
     * Documented library differences on the digest ops: documents the contract
     * accepts that one lane/library refuses because its library cannot hold
     * them (OPS.md says so). Pinned: such a pair must reject the row on
     * every digest op, and is left out of the agreement.
     */
    static final Map<String, Set<String>> DIGEST_REFUSALS = Map.of(
            // fastjson2 2.0.57's UTF-8 reader fails on a 4-byte character in a member name
            // ("malformed input"); in a string value it reads it. Escaped (\ud83d\ude80) names work.
            "a member name outside the BMP", Set.of("java/fast"),
            // fastjson2 refuses an exponent of 2048 or more ("too large exp value"); the contract reads 0.
            "an exponent of 2048 or more", Set.of("java/fast"),
            // fastjson2 2.0.57 misreads some literals of 36+ digits with an exponent (3.8e-138 here); its digest refuses.
            "a 40-digit literal with an exponent", Set.of("java/fast"));

    record Rejected(byte[] doc, Set<String> lenientTree) {}

    static void reject(String name, byte[] doc, String... lenientTree) {
        REJECTED.put(name, new Rejected(doc, Set.of(lenientTree)));
    }

    static {
        reject("whitespace only", bytes(" \t\r\n "));
        reject("1e400", bytes("1e400"), "python/usual", "java/fast");
        reject("[-1e400]", bytes("[-1e400]"), "python/usual", "java/fast");
        // Binding skips a field no record has; the digest ops must refuse its number all the same.
        reject("1e400 in a field no record has", bytes("[{\"x\":1e400}]"), "python/usual", "java/fast");
        reject("a 400-digit integer", bytes("[1" + "0".repeat(400) + "]"), "python/usual", "java/fast");
        reject("NaN", bytes("[NaN]"));
        reject("BOM before {\"a\":1}", concat(raw(0xef, 0xbb, 0xbf), bytes("{\"a\":1}")));
        reject("UTF-16LE document", "[1]".getBytes(StandardCharsets.UTF_16LE));
        reject("overlong UTF-8 [\"\\xc0\\xaf\"]", concat(bytes("[\""), raw(0xc0, 0xaf), bytes("\"]")), "java/usual", "java/fast");
        reject("overlong 3-byte", concat(bytes("[\""), raw(0xe0, 0x80, 0xaf), bytes("\"]")), "java/usual", "java/fast");
        reject("lone high surrogate escape \"\\ud800\"", bytes("[\"\\ud800\"]"), "java/usual", "go/usual", "python/usual", "java/fast", "go/fast");
        reject("lone low surrogate escape in a key", bytes("{\"\\udc00\":1}"), "java/usual", "go/usual", "python/usual", "java/fast", "go/fast");
        reject("high surrogate escape then a pair", bytes("[\"\\ud800\\ud800\\udc00\"]"), "java/usual", "go/usual", "python/usual", "java/fast", "go/fast");
        reject("invalid UTF-8 [\"\\xff\"]", concat(bytes("[\""), raw(0xff), bytes("\"]")));
        reject("CESU-8 surrogate pair", concat(bytes("[\""), raw(0xed, 0xa0, 0xbd, 0xed, 0xba, 0x80), bytes("\"]")), "java/usual", "java/fast");
        reject("truncated UTF-8", concat(bytes("[\""), raw(0xe2, 0x82), bytes("\"]")));
        reject("above U+10FFFF", concat(bytes("[\""), raw(0xf4, 0x90, 0x80, 0x80), bytes("\"]")), "java/usual", "java/fast");
        reject("nesting one level too deep", nested(JsonContract.MAX_DEPTH + 1), "go/usual", "python/usual", "java/fast", "go/fast", "python/fast");
        reject("valid nesting 10,000 deep", nested(10_000), "go/usual");
        reject("a 1001-character number", bytes("[0." + "1".repeat(JsonContract.MAX_NUMBER_CHARS - 1) + "]"), "java/usual", "go/usual", "python/usual", "java/fast", "go/fast", "python/fast");

        reject("a member name twice", bytes("{\"a\":1,\"b\":{\"a\":2},\"a\":3}"), "java/usual", "go/usual", "python/usual", "java/fast", "go/fast", "python/fast");
        reject("a member name twice, once escaped", bytes("[{\"a\":1,\"\\u0061\":2}]"), "java/usual", "go/usual", "python/usual", "java/fast", "go/fast", "python/fast");
        reject("a lone surrogate hidden by a duplicate", bytes("{\"a\":\"\\ud800\",\"a\":1}"), "java/usual", "go/usual", "python/usual", "java/fast", "go/fast");
        reject("deep nesting hidden by a duplicate", bytes("{\"a\":" + "[".repeat(300) + "]".repeat(300) + ",\"a\":1}"), "go/usual", "python/usual", "java/fast", "go/fast", "python/fast");
        // Syntax the contract (RFC 8259) rejects and some fast libraries take.
        reject("a line comment", bytes("[1, // c\n 2]"), "java/fast");
        reject("a block comment", bytes("[1, /* c */ 2]"), "java/fast");
        reject("single quotes", bytes("{'a':'b'}"), "java/fast");
        reject("an unquoted name", bytes("{a:1}"), "java/fast");
        reject("a trailing comma in an array", bytes("[1,2,]"), "java/fast");
        reject("a trailing comma in an object", bytes("{\"a\":1,}"), "java/fast");
        reject("a missing comma", bytes("[1 2]"), "java/fast");
        reject("a leading zero", bytes("[01]"), "java/fast");
        reject("a plus sign", bytes("[+1]"), "java/fast");
        reject("a point without digits", bytes("[1.]"), "java/fast");
        reject("Infinity", bytes("[Infinity]"));
        reject("a raw control character in a string", bytes("[\"a\u0001b\"]"), "java/fast", "go/fast");
        reject("an unknown escape", bytes("[\"\\x41\"]"), "java/fast");
        reject("trailing data", bytes("{\"a\":1} x"));
        reject("two documents", bytes("{\"a\":1} {}"));
        reject("an unterminated string", bytes("\"abc"));
        // sonic reads a top-level string of 32n bytes with no closing quote as one of 32n - 1 (JsonFuzzTest found it).
        reject("an unterminated string of 32 bytes", bytes("\"" + "a".repeat(32)), "go/fast");

        ACCEPTED.put("one name in several objects", bytes("[{\"a\":1},{\"a\":{\"a\":2}}]"));
        ACCEPTED.put("the deepest nesting", nested(JsonContract.MAX_DEPTH));
        ACCEPTED.put("deepest nesting of objects", bytes("{\"a\":".repeat(JsonContract.MAX_DEPTH) + "1" + "}".repeat(JsonContract.MAX_DEPTH)));
        ACCEPTED.put("surrogate pair escapes", bytes("[\"\\ud83d\\ude80\",\"\\uD83D\\uDE80\",{\"\\ud83d\\ude80\":1}]"));
        ACCEPTED.put("an escaped backslash before ud800", bytes("[\"\\\\ud800\",\"\\\\\\ud83d\\ude80\"]"));
        ACCEPTED.put("a 1000-character number", bytes("[0." + "1".repeat(JsonContract.MAX_NUMBER_CHARS - 2) + "]"));
        ACCEPTED.put("the double range's ends", bytes("[1.7976931348623157e308,-1.7976931348623157e308,5e-324,-5e-324,1e-400]"));
        ACCEPTED.put("subnormals", bytes("[1e-314,-2.5e-320,4.9e-324,2.2250738585072e-308,1e-310]"));
        ACCEPTED.put("a 300-digit integer", bytes("[1" + "0".repeat(300) + "]"));
        ACCEPTED.put("every UTF-8 length", bytes("[\"a\u00e9\u20ac\ud83d\ude80\uffff\ue000\",\"\u007f\u0080\u07ff\u0800\"]"));
        ACCEPTED.put("a member name outside the BMP", bytes("{\"\ud83d\ude80\":1,\"a\ud83d\ude80\":[\"\ud83d\ude80\"]}"));
        ACCEPTED.put("an exponent of 2048 or more", bytes("[1e-2048,0e5000,-1.5E-99999]"));
        ACCEPTED.put("a 40-digit literal with an exponent", bytes("[4983729823992150048706387164463975006417e-147]"));
        ACCEPTED.put("brackets in strings", bytes("[\"[[[[\",\"}}}}\",{\"[\":\"]\"}]"));
        ACCEPTED.put("whitespace around a value", bytes(" \t\r\n{\"a\":1} \n"));
    }

    static Stream<Arguments> rejected() {
        return REJECTED.keySet().stream().map(Arguments::of);
    }

    static Stream<Arguments> accepted() {
        return ACCEPTED.keySet().stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void everyLaneRejectsOnTheDigestOps(String name) {
        byte[] doc = REJECTED.get(name).doc();
        for (Player p : JsonPlayers.all()) {
            assertRejects(p, Op.JSON_TREE_DIGEST, name, () -> p.lane().jsonTreeDigest(p.library(), doc));
            assertRejects(p, Op.JSON_BIND_DIGEST, name, () -> p.lane().jsonBindDigest(p.library(), doc));
            assertRejects(p, Op.JSON_WRITE_DIGEST, name, () -> p.lane().jsonWriteDigest(p.library(), doc));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void theTimedTreeRejectsExceptWhereOpsMdSaysTheLibraryIsLenient(String name) {
        Rejected row = REJECTED.get(name);
        Map<String, String> surprises = new TreeMap<>();
        for (Player p : JsonPlayers.all()) {
            String outcome;
            try {
                outcome = "accepts, count " + p.lane().jsonTree(p.library(), row.doc());
            } catch (LaneException e) {
                assertNamed(p, Op.JSON_TREE, e);
                outcome = "rejects";
            }
            boolean accepted = outcome.startsWith("accepts");
            if (accepted != row.lenientTree().contains(p.id())) {
                surprises.put(p.id(), outcome + (accepted ? ", OPS.md says it rejects" : ", OPS.md says its library accepts"));
            }
        }
        assertTrue(surprises.isEmpty(), name + ": " + surprises);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void everyLaneAcceptsWithTheSameCountAndDigest(String name) {
        byte[] doc = ACCEPTED.get(name);
        Set<String> refusing = DIGEST_REFUSALS.getOrDefault(name, Set.of());
        for (Player p : JsonPlayers.all()) {
            if (refusing.contains(p.id())) {
                assertRejects(p, Op.JSON_TREE_DIGEST, name + " (a documented library difference)",
                        () -> p.lane().jsonTreeDigest(p.library(), doc));
            }
        }
        same(name + ": json_tree count", refusing, p -> p.lane().jsonTree(p.library(), doc));
        same(name + ": json_tree_digest", refusing, p -> p.lane().jsonTreeDigest(p.library(), doc));
    }

    @Test
    void everyLaneRejectsAnEmptyDocumentForBindAndNullUsers() {
        for (Player p : JsonPlayers.all()) {
            Lane lane = p.lane();
            JsonLibrary library = p.library();
            assertRejects(p, Op.JSON_BIND, "whitespace", () -> lane.jsonBind(library, bytes("  ")));
            assertRejects(p, Op.JSON_BIND, "null", () -> lane.jsonBind(library, bytes("null")));
            assertRejects(p, Op.JSON_BIND_DIGEST, "null", () -> lane.jsonBindDigest(library, bytes("null")));
            assertRejects(p, Op.JSON_KEEP, "null", () -> lane.jsonKeep(library, bytes("null")));
            assertRejects(p, Op.JSON_WRITE_DIGEST, "null", () -> lane.jsonWriteDigest(library, bytes("null")));
        }
    }

    @Test
    void everyLaneRejectsAScoreOutOfTheDoubleRangeAndAnIdBeyondInt64WhenBinding() {
        String user = "{\"id\":1,\"email\":\"e\",\"name\":\"n\",\"password_hash\":\"h\",\"roles\":[],\"active\":true,"
                + "\"score\":SCORE,\"created_at\":\"c\"}";
        byte[] infinite = bytes("[" + user.replace("SCORE", "1e400") + "]");
        byte[] bigId = bytes("[" + user.replace("SCORE", "1").replace("\"id\":1", "\"id\":9223372036854775808") + "]");
        byte[] maxId = bytes("[" + user.replace("SCORE", "1").replace("\"id\":1", "\"id\":9223372036854775807") + "]");
        for (Player p : JsonPlayers.all()) {
            Lane lane = p.lane();
            JsonLibrary library = p.library();
            assertRejects(p, Op.JSON_BIND, "score 1e400", () -> lane.jsonBind(library, infinite));
            assertRejects(p, Op.JSON_BIND_DIGEST, "score 1e400", () -> lane.jsonBindDigest(library, infinite));
            assertRejects(p, Op.JSON_KEEP, "score 1e400", () -> lane.jsonKeep(library, infinite));
            assertRejects(p, Op.JSON_BIND, "id 2^63", () -> lane.jsonBind(library, bigId));
            assertRejects(p, Op.JSON_KEEP, "id 2^63", () -> lane.jsonKeep(library, bigId));
        }
        same("bind digest of id 2^63-1", Set.of(), p -> p.lane().jsonBindDigest(p.library(), maxId));
        same("write digest of id 2^63-1", Set.of(), p -> p.lane().jsonWriteDigest(p.library(), maxId));
    }

    @Test
    void everyLaneRefusesAnUnknownHandle() {
        for (Lane lane : JsonPlayers.lanes()) {
            for (int handle : new int[] {Integer.MAX_VALUE, 0, -1}) {
                LaneException e = org.junit.jupiter.api.Assertions.assertThrows(LaneException.class, () -> lane.jsonWrite(handle));
                assertTrue(e.getMessage().contains("no kept records " + handle), e.getMessage());
                e = org.junit.jupiter.api.Assertions.assertThrows(LaneException.class, () -> lane.jsonRelease(handle));
                assertTrue(e.getMessage().contains("no kept records " + handle), e.getMessage());
            }
        }
    }

    @Test
    void aDocumentOverTheSizeLimitIsRejectedBeforeItCrosses() {
        byte[] huge = new byte[JsonContract.MAX_DOCUMENT_BYTES + 1];
        java.util.Arrays.fill(huge, (byte) ' ');
        huge[0] = '1';
        for (Player p : JsonPlayers.all()) {
            assertRejects(p, Op.JSON_TREE, "over the size limit", () -> p.lane().jsonTree(p.library(), huge));
            assertRejects(p, Op.JSON_KEEP, "over the size limit", () -> p.lane().jsonKeep(p.library(), huge));
        }
    }

    /**
     * A hang guard, not a timing claim: the Go lane's digest was quadratic (over
     * 120 s here). 10 s, or 3 times the lane's usual library where another
     * library's digest does more work (Java's fast digest parses twice: Jackson's
     * strict check, then fastjson2), which on a loaded machine passes 10 s.
     */
    @Test
    void aMillionMemberObjectDigestsInEveryLaneWithinTenSeconds() {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < 1_000_000; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append("\"k").append(String.format("%07d", (i * 7919L) % 1_000_000)).append("\":").append(i);
        }
        byte[] doc = bytes(b.append('}').toString());
        List<String> digests = new ArrayList<>();
        Map<String, Duration> usual = new TreeMap<>();
        for (Player p : JsonPlayers.all()) {
            Duration limit = Duration.ofSeconds(10);
            if (usual.containsKey(p.lane().name()) && usual.get(p.lane().name()).multipliedBy(3).compareTo(limit) > 0) {
                limit = usual.get(p.lane().name()).multipliedBy(3);
            }
            // A second try, so a busy machine or a cold JIT is not mistaken for a hang;
            // a quadratic digest (minutes here) fails both.
            Duration took = Duration.ZERO;
            for (int attempt = 0; attempt < 2; attempt++) {
                long start = System.nanoTime();
                String digest = p.lane().jsonTreeDigest(p.library(), doc);
                took = Duration.ofNanos(System.nanoTime() - start);
                System.out.printf("1,000,000-member object: %s json_tree_digest %d ms (try %d)%n", p, took.toMillis(), attempt + 1);
                if (attempt == 0) {
                    digests.add(digest);
                }
                if (took.compareTo(limit) < 0) {
                    break;
                }
            }
            assertTrue(took.compareTo(limit) < 0, p + " took " + took + " to digest a 1,000,000-member object");
            if (p.library() == JsonLibrary.USUAL) {
                usual.put(p.lane().name(), took);
            }
        }
        assertEquals(1, digests.stream().distinct().count(), "digests differ: " + digests);
    }

    /** The Java lane's own canonical writer agrees with erdtman's JsonCanonicalizer (the RFC 8785 reference port it replaced). */
    @Test
    void theJavaCanonicalWriterMatchesTheReferenceImplementation() throws Exception {
        List<byte[]> docs = new ArrayList<>(ACCEPTED.values());
        for (dev.crossbench.payload.Payload payload : dev.crossbench.payload.Payload.values()) {
            docs.add(payload.bytes());
        }
        for (String edge : CrossLaneChecks.EDGE_DOCUMENTS) {
            docs.add(bytes(edge));
        }
        Lane java = JsonPlayers.lanes().get(0);
        for (byte[] doc : docs) {
            String text = new String(doc, StandardCharsets.UTF_8).strip();
            if (!text.startsWith("[") && !text.startsWith("{")) {
                continue;
            }
            String reference;
            try {
                reference = dev.crossbench.contract.Digests.sha256Hex(new org.erdtman.jcs.JsonCanonicalizer(
                        new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(
                                new com.fasterxml.jackson.databind.ObjectMapper().readTree(doc))).getEncodedUTF8());
            } catch (ArithmeticException e) {
                continue; // erdtman's NumberToJSON fails on some subnormals; the Java lane takes the exact route there
            }
            for (JsonLibrary library : java.info().roles()) {
                if (dev.crossbench.lane.JsonLibraryDifferences.mayRefuse(doc).contains("java/" + library.id())) {
                    continue; // a documented library difference, pinned in everyLaneAcceptsWithTheSameCountAndDigest
                }
                assertEquals(reference, java.jsonTreeDigest(library, doc), library + ": " + (text.length() > 200 ? text.substring(0, 200) : text));
            }
        }
    }

    /** The Java lane's number writer gives what erdtman's NumberToJSON (the RFC 8785 reference port) gives wherever that works. */
    @Test
    void theExactNumberRouteMatchesNumberToJson() throws Exception {
        java.util.Random random = new java.util.Random(8785);
        double[] fixed = {0x1p53, -0x1p53, 0x1p53 - 1, 0x1p53 + 2, 1e21, 1e20, 123456789012345678901234567890.0, -0.0, 0.0,
                4.9e-324, Double.MAX_VALUE, 1e-7, 1e-6, 0.1, 333333333.33333329, 1e30, 4.5, 0.002, 1e-27, 1.5, -1.5e300};
        for (int i = 0; i < 20_000 + fixed.length; i++) {
            double d = i >= 20_000 ? fixed[i - 20_000] : switch (i % 4) {
                case 0 -> Double.longBitsToDouble(random.nextLong());
                case 1 -> random.nextGaussian() * Math.pow(10, random.nextInt(60) - 30);
                case 2 -> (double) random.nextLong() / (1L << random.nextInt(20));
                default -> random.nextInt(1_000_000) / Math.pow(10, random.nextInt(12));
            };
            if (!Double.isFinite(d)) {
                continue;
            }
            String reference;
            try {
                reference = org.erdtman.jcs.NumberToJSON.serializeNumber(d);
            } catch (ArithmeticException e) {
                continue;
            }
            assertEquals(reference, JsonContract.es6Number(d), "bits " + Double.doubleToRawLongBits(d));
        }
    }

    /** Every lane/library but the documented refusals gives one answer, not a rejection. */
    private static void same(String what, Set<String> leftOut, Function<Player, Object> op) {
        Map<String, Object> answers = new TreeMap<>();
        for (Player p : JsonPlayers.all()) {
            if (leftOut.contains(p.id())) {
                continue;
            }
            try {
                answers.put(p.id(), op.apply(p));
            } catch (LaneException e) {
                answers.put(p.id(), "rejects: " + e.getMessage());
            }
        }
        assertEquals(1, answers.values().stream().distinct().count(), what + ": " + answers);
        assertTrue(!answers.values().iterator().next().toString().startsWith("rejects"), what + ": " + answers);
    }

    private static void assertRejects(Player p, Op op, String what, Runnable call) {
        try {
            call.run();
        } catch (LaneException e) {
            assertNamed(p, op, e);
            return;
        }
        fail(p + " " + op + " accepts " + what);
    }

    private static void assertNamed(Player p, Op op, LaneException e) {
        String lane = p.lane().name();
        assertEquals(lane, e.lane(), e.getMessage());
        assertEquals(op, e.op(), e.getMessage());
        assertTrue(e.getMessage().startsWith(lane + " " + op + ": ") && e.getMessage().length() > (lane + " " + op + ": ").length() + 3,
                "no cause named: " + e.getMessage());
    }
}
