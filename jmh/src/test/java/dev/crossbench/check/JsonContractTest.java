package dev.crossbench.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.crossbench.lane.JsonContract;
import dev.crossbench.lane.Lane;
import dev.crossbench.lane.LaneException;
import dev.crossbench.lane.Lanes;
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
 * OPS.md, "JSON documents every lane treats the same": each row, in every lane.
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

    /** Documents the contract rejects, with the lanes whose timed json_tree is documented lenient (OPS.md). */
    static final Map<String, Rejected> REJECTED = new LinkedHashMap<>();
    /** Documents the contract accepts: the same count and digest in every lane. */
    static final Map<String, byte[]> ACCEPTED = new LinkedHashMap<>();

    record Rejected(byte[] doc, Set<String> lenientTree) {}

    static void reject(String name, byte[] doc, String... lenientTree) {
        REJECTED.put(name, new Rejected(doc, Set.of(lenientTree)));
    }

    static {
        reject("whitespace only", bytes(" \t\r\n "));
        reject("1e400", bytes("1e400"), "python");
        reject("[-1e400]", bytes("[-1e400]"), "python");
        reject("a 400-digit integer", bytes("[1" + "0".repeat(400) + "]"), "python");
        reject("NaN", bytes("[NaN]"));
        reject("BOM before {\"a\":1}", concat(raw(0xef, 0xbb, 0xbf), bytes("{\"a\":1}")));
        reject("UTF-16LE document", "[1]".getBytes(StandardCharsets.UTF_16LE));
        reject("overlong UTF-8 [\"\\xc0\\xaf\"]", concat(bytes("[\""), raw(0xc0, 0xaf), bytes("\"]")), "java");
        reject("overlong 3-byte", concat(bytes("[\""), raw(0xe0, 0x80, 0xaf), bytes("\"]")), "java");
        reject("lone high surrogate escape \"\\ud800\"", bytes("[\"\\ud800\"]"), "java", "go", "python");
        reject("lone low surrogate escape in a key", bytes("{\"\\udc00\":1}"), "java", "go", "python");
        reject("high surrogate escape then a pair", bytes("[\"\\ud800\\ud800\\udc00\"]"), "java", "go", "python");
        reject("invalid UTF-8 [\"\\xff\"]", concat(bytes("[\""), raw(0xff), bytes("\"]")));
        reject("CESU-8 surrogate pair", concat(bytes("[\""), raw(0xed, 0xa0, 0xbd, 0xed, 0xba, 0x80), bytes("\"]")), "java");
        reject("truncated UTF-8", concat(bytes("[\""), raw(0xe2, 0x82), bytes("\"]")));
        reject("above U+10FFFF", concat(bytes("[\""), raw(0xf4, 0x90, 0x80, 0x80), bytes("\"]")), "java");
        reject("nesting one level too deep", nested(JsonContract.MAX_DEPTH + 1), "go", "python");
        reject("valid nesting 10,000 deep", nested(10_000), "go");
        reject("a 1001-character number", bytes("[0." + "1".repeat(JsonContract.MAX_NUMBER_CHARS - 1) + "]"), "java", "go", "python");

        reject("a member name twice", bytes("{\"a\":1,\"b\":{\"a\":2},\"a\":3}"), "java", "go", "python");
        reject("a member name twice, once escaped", bytes("[{\"a\":1,\"\\u0061\":2}]"), "java", "go", "python");
        reject("a lone surrogate hidden by a duplicate", bytes("{\"a\":\"\\ud800\",\"a\":1}"), "java", "go", "python");
        reject("deep nesting hidden by a duplicate", bytes("{\"a\":" + "[".repeat(300) + "]".repeat(300) + ",\"a\":1}"), "go", "python");
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
        for (Lane lane : Lanes.all()) {
            assertRejects(lane, Op.JSON_TREE_DIGEST, name, () -> lane.jsonTreeDigest(doc));
            assertRejects(lane, Op.JSON_BIND_DIGEST, name, () -> lane.jsonBindDigest(doc));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void theTimedTreeRejectsExceptWhereOpsMdSaysTheLibraryIsLenient(String name) {
        Rejected row = REJECTED.get(name);
        Map<String, String> surprises = new TreeMap<>();
        for (Lane lane : Lanes.all()) {
            String outcome;
            try {
                outcome = "accepts, count " + lane.jsonTree(row.doc());
            } catch (LaneException e) {
                assertNamed(lane, Op.JSON_TREE, e);
                outcome = "rejects";
            }
            boolean accepted = outcome.startsWith("accepts");
            if (accepted != row.lenientTree().contains(lane.name())) {
                surprises.put(lane.name(), outcome + (accepted ? ", OPS.md says it rejects" : ", OPS.md says its library accepts"));
            }
        }
        assertTrue(surprises.isEmpty(), name + ": " + surprises);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void everyLaneAcceptsWithTheSameCountAndDigest(String name) {
        byte[] doc = ACCEPTED.get(name);
        same(name + ": json_tree count", lane -> lane.jsonTree(doc));
        same(name + ": json_tree_digest", lane -> lane.jsonTreeDigest(doc));
    }

    @Test
    void everyLaneRejectsAnEmptyDocumentForBindAndNullUsers() {
        for (Lane lane : Lanes.all()) {
            assertRejects(lane, Op.JSON_BIND, "whitespace", () -> lane.jsonBind(bytes("  ")));
            assertRejects(lane, Op.JSON_BIND, "null", () -> lane.jsonBind(bytes("null")));
            assertRejects(lane, Op.JSON_BIND_DIGEST, "null", () -> lane.jsonBindDigest(bytes("null")));
        }
    }

    @Test
    void everyLaneRejectsAScoreOutOfTheDoubleRangeAndAnIdBeyondInt64WhenBinding() {
        String user = "{\"id\":1,\"email\":\"e\",\"name\":\"n\",\"password_hash\":\"h\",\"roles\":[],\"active\":true,"
                + "\"score\":SCORE,\"created_at\":\"c\"}";
        byte[] infinite = bytes("[" + user.replace("SCORE", "1e400") + "]");
        byte[] bigId = bytes("[" + user.replace("SCORE", "1").replace("\"id\":1", "\"id\":9223372036854775808") + "]");
        byte[] maxId = bytes("[" + user.replace("SCORE", "1").replace("\"id\":1", "\"id\":9223372036854775807") + "]");
        for (Lane lane : Lanes.all()) {
            assertRejects(lane, Op.JSON_BIND, "score 1e400", () -> lane.jsonBind(infinite));
            assertRejects(lane, Op.JSON_BIND_DIGEST, "score 1e400", () -> lane.jsonBindDigest(infinite));
            assertRejects(lane, Op.JSON_BIND, "id 2^63", () -> lane.jsonBind(bigId));
        }
        same("bind digest of id 2^63-1", lane -> lane.jsonBindDigest(maxId));
    }

    @Test
    void aDocumentOverTheSizeLimitIsRejectedBeforeItCrosses() {
        byte[] huge = new byte[JsonContract.MAX_DOCUMENT_BYTES + 1];
        java.util.Arrays.fill(huge, (byte) ' ');
        huge[0] = '1';
        for (Lane lane : Lanes.all()) {
            assertRejects(lane, Op.JSON_TREE, "over the size limit", () -> lane.jsonTree(huge));
        }
    }

    /** A hang guard, not a timing claim: the Go lane's digest was quadratic (over 120 s here). */
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
        for (Lane lane : Lanes.all()) {
            // A second try, so a busy machine or a cold JIT is not mistaken for a hang;
            // a quadratic digest (minutes here) fails both.
            Duration took = Duration.ZERO;
            for (int attempt = 0; attempt < 2; attempt++) {
                long start = System.nanoTime();
                String digest = lane.jsonTreeDigest(doc);
                took = Duration.ofNanos(System.nanoTime() - start);
                System.out.printf("1,000,000-member object: %s json_tree_digest %d ms (try %d)%n", lane.name(), took.toMillis(), attempt + 1);
                if (attempt == 0) {
                    digests.add(digest);
                }
                if (took.compareTo(Duration.ofSeconds(10)) < 0) {
                    break;
                }
            }
            assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, lane.name() + " took " + took + " to digest a 1,000,000-member object");
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
        Lane java = Lanes.get("java");
        for (byte[] doc : docs) {
            String text = new String(doc, StandardCharsets.UTF_8).strip();
            if (!text.startsWith("[") && !text.startsWith("{")) {
                continue;
            }
            String reference;
            try {
                reference = dev.crossbench.lane.Digests.sha256Hex(new org.erdtman.jcs.JsonCanonicalizer(
                        new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(
                                new com.fasterxml.jackson.databind.ObjectMapper().readTree(doc))).getEncodedUTF8());
            } catch (ArithmeticException e) {
                continue; // erdtman's NumberToJSON fails on some subnormals; the Java lane takes the exact route there
            }
            assertEquals(reference, java.jsonTreeDigest(doc), text.length() > 200 ? text.substring(0, 200) : text);
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
            assertEquals(reference, dev.crossbench.lane.JsonContractAccess.es6Number(d), "bits " + Double.doubleToRawLongBits(d));
        }
    }

    private static void same(String what, Function<Lane, Object> op) {
        Map<String, Object> answers = new TreeMap<>();
        for (Lane lane : Lanes.all()) {
            try {
                answers.put(lane.name(), op.apply(lane));
            } catch (LaneException e) {
                answers.put(lane.name(), "rejects: " + e.getMessage());
            }
        }
        assertEquals(1, answers.values().stream().distinct().count(), what + ": " + answers);
        assertTrue(!answers.values().iterator().next().toString().startsWith("rejects"), what + ": " + answers);
    }

    private static void assertRejects(Lane lane, Op op, String what, Runnable call) {
        try {
            call.run();
        } catch (LaneException e) {
            assertNamed(lane, op, e);
            return;
        }
        fail(lane.name() + " " + op + " accepts " + what);
    }

    private static void assertNamed(Lane lane, Op op, LaneException e) {
        assertEquals(lane.name(), e.lane(), e.getMessage());
        assertEquals(op, e.op(), e.getMessage());
        assertTrue(e.getMessage().startsWith(lane.name() + " " + op + ": ") && e.getMessage().length() > (lane.name() + " " + op + ": ").length() + 3,
                "no cause named: " + e.getMessage());
    }
}
