package dev.crossbench.lane.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossbench.contract.CheckedLane;
import dev.crossbench.lane.JsonLibrary;
import dev.crossbench.lane.Lane;
import dev.crossbench.lane.LaneException;
import dev.crossbench.lane.LaneInfo;
import dev.crossbench.lane.Op;
import dev.crossbench.payload.Payload;
import dev.crossbench.payload.User;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Java lane's two JSON libraries (Jackson, fastjson2) on their own,
 * without loading the native lanes: the same digests on the corpus, write
 * digests equal to the bind digest, handles, and allocation counting.
 */
class JavaLaneLibrariesTest {
    private static final Lane JAVA = new CheckedLane(new JavaLane("java"));
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The roles the Java lane answers (a role only another lane has is not the Java lane's to test). */
    static List<JsonLibrary> roles() {
        return JAVA.info().roles();
    }

    @ParameterizedTest
    @EnumSource(Payload.class)
    void bothLibrariesAgreeOnTheCorpus(Payload payload) {
        byte[] doc = payload.bytes();
        String tree = JAVA.jsonTreeDigest(JsonLibrary.USUAL, doc);
        for (JsonLibrary library : JAVA.info().roles()) {
            assertEquals(JAVA.jsonTree(JsonLibrary.USUAL, doc), JAVA.jsonTree(library, doc), library + " tree count");
            assertEquals(tree, JAVA.jsonTreeDigest(library, doc), library + " tree digest");
            assertEquals(JAVA.jsonBind(JsonLibrary.USUAL, doc), JAVA.jsonBind(library, doc), library + " bind count");
            assertEquals(tree, JAVA.jsonBindDigest(library, doc), library + " bind digest: a field lost or changed");
            assertEquals(tree, JAVA.jsonWriteDigest(library, doc), library + " write digest: the written records read back otherwise");
        }
    }

    /** json_write's output: the 8 fields in the record's order (OPS.md), whatever the library. */
    @ParameterizedTest
    @MethodSource("roles")
    void writtenRecordsKeepTheRecordsFieldOrder(JsonLibrary library) throws Exception {
        List<String> order = new ArrayList<>();
        for (var component : User.class.getRecordComponents()) {
            var property = User.class.getDeclaredField(component.getName()).getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
            order.add(property != null ? property.value() : component.getName());
        }
        byte[] written = new JavaLane("java").written(library, Payload.SMALL.bytes(), Op.JSON_WRITE);
        JsonNode users = JSON.readTree(written);
        assertTrue(users.size() > 0);
        for (JsonNode user : users) {
            List<String> names = new ArrayList<>();
            Iterator<String> it = user.fieldNames();
            it.forEachRemaining(names::add);
            assertEquals(order, names, library + " wrote " + user);
        }
    }

    @ParameterizedTest
    @MethodSource("roles")
    void keptRecordsAreWrittenUntilReleasedFromSeveralThreads(JsonLibrary library) throws Exception {
        byte[] doc = Payload.MEDIUM.bytes();
        int handle = JAVA.jsonKeep(library, doc);
        int other = JAVA.jsonKeep(library, doc);
        assertTrue(handle > 0 && other > 0 && handle != other, handle + " " + other);
        int bytes = JAVA.jsonWrite(handle);
        assertTrue(bytes > doc.length / 2, library + " wrote " + bytes + " bytes of a " + doc.length + "-byte document");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        assertEquals(bytes, JAVA.jsonWrite(handle));
                    }
                }));
            }
            for (Future<?> writer : writers) {
                writer.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        JAVA.jsonRelease(handle);
        LaneException gone = assertThrows(LaneException.class, () -> JAVA.jsonWrite(handle));
        assertEquals("java json_write: no kept records " + handle, gone.getMessage());
        assertThrows(LaneException.class, () -> JAVA.jsonRelease(handle));
        assertEquals(bytes, JAVA.jsonWrite(other), "releasing one handle leaves the others");
        JAVA.jsonRelease(other);
    }

    @Test
    void allocationCountingSeesAMebibyte() {
        JAVA.allocStart();
        byte[] mebibyte = new byte[1 << 20];
        long allocated = JAVA.allocStop();
        assertTrue(mebibyte.length == 1 << 20 && allocated >= 1 << 20 && allocated < 2 << 20, "counted " + allocated + " bytes");
        JAVA.allocStart();
        long nothing = JAVA.allocStop();
        assertTrue(nothing < 64 * 1024, "counted " + nothing + " bytes for no work");
        assertThrows(LaneException.class, JAVA::allocStop, "alloc_stop without alloc_start");
    }

    @Test
    void theFastLibraryReadsDollarRefAndAtTypeAsPlainMembers() {
        // fastjson2 resolves {"$ref": ...} by default (a cycle here) and knows "@type": both must stay data.
        byte[] doc = bytes("{\"a\":{\"$ref\":\"$\"},\"b\":[{\"$ref\":\"..\"}],\"@type\":\"java.util.HashMap\"}");
        assertEquals(JAVA.jsonTreeDigest(JsonLibrary.USUAL, doc), JAVA.jsonTreeDigest(JsonLibrary.FAST, doc));
        assertEquals(3, JAVA.jsonTree(JsonLibrary.FAST, doc));
        byte[] users = bytes("[{\"$ref\":\"$\",\"id\":1},{\"@type\":\"java.util.HashMap\",\"id\":2}]");
        assertEquals(2, JAVA.jsonBind(JsonLibrary.FAST, users));
        assertEquals(JAVA.jsonBindDigest(JsonLibrary.USUAL, users), JAVA.jsonBindDigest(JsonLibrary.FAST, users));
    }

    /** The post-bind checks both libraries share; fastjson2 alone would bind a lone object as a list of one user. */
    @ParameterizedTest
    @MethodSource("roles")
    void neitherLibraryBindsANullUserOrALoneObject(JsonLibrary library) {
        for (String doc : List.of("[null]", "{\"id\":1}", " {\"id\":1}", "null", "[{\"id\":1},null]")) {
            LaneException e = assertThrows(LaneException.class, () -> JAVA.jsonBind(library, bytes(doc)), library + " " + doc);
            assertEquals(Op.JSON_BIND, e.op());
            assertThrows(LaneException.class, () -> JAVA.jsonKeep(library, bytes(doc)), library + " keep " + doc);
        }
    }

    /** fastjson2 misreads some long literals with an exponent: its digest ops refuse rather than hash another score. */
    @Test
    void theFastDigestsRefuseAScoreFastjson2Misreads() {
        byte[] users = bytes("[{\"id\":1,\"score\":4983729823992150048706387164463975006417e-147}]");
        String usual = JAVA.jsonBindDigest(JsonLibrary.USUAL, users);
        assertEquals(usual, JAVA.jsonWriteDigest(JsonLibrary.USUAL, users));
        LaneException bind = assertThrows(LaneException.class, () -> JAVA.jsonBindDigest(JsonLibrary.FAST, users));
        assertTrue(bind.getMessage().contains("read the score"), bind.getMessage());
        assertThrows(LaneException.class, () -> JAVA.jsonWriteDigest(JsonLibrary.FAST, users));
        assertEquals(1, JAVA.jsonBind(JsonLibrary.FAST, users), "the timed bind keeps the library's answer");
    }

    /** What fastjson2 binds beyond the record's types, and Jackson's answer beside it: documented, not forced equal. */
    @Test
    void theFastLibrarysCoercionsArePinned() {
        String[][] cases = {
            // document, Jackson, fastjson2
            {"[{\"id\":\"7\"}]", "1", "1"},
            {"[{\"id\":1.5}]", "1", "1"},
            {"[{\"active\":\"true\"}]", "1", "1"},
            {"[{\"active\":1}]", "1", "1"},
            {"[{\"roles\":\"admin\"}]", "rejects", "1"},
            {"[{\"name\":5}]", "1", "1"},
            {"[{\"id\":\"seven\"}]", "rejects", "rejects"},
        };
        List<String> wrong = new ArrayList<>();
        for (String[] c : cases) {
            for (JsonLibrary library : JAVA.info().roles()) {
                String outcome;
                try {
                    outcome = Integer.toString(JAVA.jsonBind(library, bytes(c[0])));
                } catch (LaneException e) {
                    outcome = "rejects";
                }
                String expected = c[library == JsonLibrary.USUAL ? 1 : 2];
                if (!outcome.equals(expected)) {
                    wrong.add(library + " " + c[0] + ": " + outcome + ", pinned " + expected);
                }
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    /** The JSON group of the cross-lane checks (every benchmark's setup), on the Java lane's two libraries alone. */
    @Test
    void theCrossLaneJsonChecksPassForBothLibraries() {
        dev.crossbench.check.CrossLaneChecks.require(List.of(JAVA), dev.crossbench.check.CrossLaneChecks.JSON);
    }

    @Test
    void theJavaLaneNamesItsLibrariesForEveryRole() {
        LaneInfo info = JAVA.info();
        assertEquals("jackson-databind", info.jsonLibrary(JsonLibrary.USUAL, "write"));
        assertEquals("fastjson2", info.jsonLibrary(JsonLibrary.FAST, "tree"));
        assertEquals("2.0.57", info.libraries().get("fastjson2"));
        assertNotEquals(null, info.libraries().get("jackson-databind"));
        assertTrue(info.ops().containsAll(Arrays.asList("json_keep", "json_write", "json_write_digest", "json_release", "alloc_start", "alloc_stop")));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
