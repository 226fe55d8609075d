package dev.crossbench.lane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossbench.check.CrossLaneChecks;
import dev.crossbench.lane.jni.NativeLane;
import dev.crossbench.lane.registry.Lanes;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input gets a clear LaneException naming lane, op and cause in every lane,
 * never a crash; and the runtimes' own checks hold even without the Java-side
 * ones in front of them (the Go and Python packages must be safe on their own).
 */
class LaneErrorsTest {
    private static final byte[] PASSWORD = "hunter2".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LONG_PASSWORD = "p".repeat(73).getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEY = CrossLaneChecks.JWT_KEY;

    @ParameterizedTest
    @MethodSource("dev.crossbench.lane.registry.LaneRegistry#names")
    void malformedJsonNamesLaneOpAndCause(String name) {
        Lane lane = Lanes.get(name);
        byte[] broken = "{\"id\": 1,".getBytes(StandardCharsets.UTF_8);
        for (JsonLibrary library : lane.info().roles()) {
            assertFails(name, Op.JSON_TREE, () -> lane.jsonTree(library, broken));
            assertFails(name, Op.JSON_TREE_DIGEST, () -> lane.jsonTreeDigest(library, broken));
            assertFails(name, Op.JSON_BIND, () -> lane.jsonBind(library, broken));
            assertFails(name, Op.JSON_KEEP, () -> lane.jsonKeep(library, broken));
            assertFails(name, Op.JSON_WRITE_DIGEST, () -> lane.jsonWriteDigest(library, broken));
            assertFails(name, Op.JSON_TREE, () -> lane.jsonTree(library, "{} trailing".getBytes(StandardCharsets.UTF_8)));
            assertFails(name, Op.JSON_BIND, () -> lane.jsonBind(library, "{\"not\":\"an array\"}".getBytes(StandardCharsets.UTF_8)));
            assertFails(name, Op.JSON_BIND, () -> lane.jsonBind(library, "[{\"id\":\"seven\"}]".getBytes(StandardCharsets.UTF_8)));
        }
    }

    @ParameterizedTest
    @MethodSource("dev.crossbench.lane.registry.LaneRegistry#names")
    void overLongPasswordsAndCostsOutsideTheRangeAreRejected(String name) {
        Lane lane = Lanes.get(name);
        String hash = lane.bcryptHash(PASSWORD, 4);
        assertFails(name, Op.BCRYPT_HASH, () -> lane.bcryptHash(LONG_PASSWORD, 4), "73 bytes");
        assertFails(name, Op.BCRYPT_VERIFY, () -> lane.bcryptVerify(LONG_PASSWORD, hash), "73 bytes");
        assertFails(name, Op.BCRYPT_HASH, () -> lane.bcryptHash(PASSWORD, 3), "cost 3");
        assertFails(name, Op.BCRYPT_HASH, () -> lane.bcryptHash(PASSWORD, 21), "cost 21");
        assertFails(name, Op.BCRYPT_HASH, () -> lane.bcryptHash(PASSWORD, 32), "cost 32");
    }

    @ParameterizedTest
    @MethodSource("dev.crossbench.lane.registry.LaneRegistry#names")
    void theRuntimeItselfRejectsWhatJavaWouldHaveStopped(String name) {
        Lane bare = Lanes.unchecked(name);
        String hash = bare.bcryptHash(PASSWORD, 4);
        assertTrue(hash.contains("$04$"), "cost 4 was asked, the hash says " + hash);
        assertFails(name, Op.BCRYPT_HASH, () -> bare.bcryptHash(LONG_PASSWORD, 4));
        assertFails(name, Op.BCRYPT_VERIFY, () -> bare.bcryptVerify(LONG_PASSWORD, hash));
        assertFails(name, Op.BCRYPT_HASH, () -> bare.bcryptHash(PASSWORD, 3));
        assertFails(name, Op.BCRYPT_HASH, () -> bare.bcryptHash(PASSWORD, 21));
        assertFails(name, Op.BCRYPT_HASH, () -> bare.bcryptHash(PASSWORD, 32));
        assertFails(name, Op.JWT_SIGN, () -> bare.jwtSign(CrossLaneChecks.JWT_CLAIMS, new byte[0]));
        assertFails(name, Op.JWT_VERIFY, () -> bare.jwtVerify(bare.jwtSign(CrossLaneChecks.JWT_CLAIMS, KEY), new byte[0]));
    }

    @ParameterizedTest
    @MethodSource("dev.crossbench.lane.registry.LaneRegistry#names")
    void malformedHashesTokensAndKeysAreRejected(String name) {
        Lane lane = Lanes.get(name);
        assertFails(name, Op.BCRYPT_VERIFY, () -> lane.bcryptVerify(PASSWORD, "$2a$10$tooshort"));
        assertFails(name, Op.BCRYPT_VERIFY, () -> lane.bcryptVerify(PASSWORD, "not a hash at all"));
        assertFails(name, Op.JWT_SIGN, () -> lane.jwtSign(CrossLaneChecks.JWT_CLAIMS, new byte[0]), "key is empty");
        assertFails(name, Op.JWT_SIGN, () -> lane.jwtSign("[1,2]".getBytes(StandardCharsets.UTF_8), KEY));
        assertFails(name, Op.JWT_VERIFY, () -> lane.jwtVerify("not.a.token", KEY));
        assertFails(name, Op.JWT_VERIFY, () -> lane.jwtVerify("onlyonepart", KEY));
        assertFails(name, Op.JWT_VERIFY, () -> lane.jwtVerify("a.b.c", new byte[0]), "key is empty");
    }

    @ParameterizedTest
    @MethodSource("dev.crossbench.lane.registry.LaneRegistry#names")
    void expiredAndUnsignedTokensAreRejected(String name) {
        Lane lane = Lanes.get(name);
        String expired = Lanes.get("java").jwtSign("{\"exp\":1000000000,\"sub\":\"x\"}".getBytes(StandardCharsets.UTF_8), KEY);
        assertFails(name, Op.JWT_VERIFY, () -> lane.jwtVerify(expired, KEY));
        // alg "none": header {"alg":"none","typ":"JWT"}, claims {"sub":"x"}, no signature
        assertFails(name, Op.JWT_VERIFY, () -> lane.jwtVerify("eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJ4In0.", KEY));
    }

    @ParameterizedTest
    @MethodSource("dev.crossbench.lane.registry.LaneRegistry#names")
    void nullsAndEmptiesNeverCross(String name) {
        Lane lane = Lanes.get(name);
        assertFails(name, Op.JSON_TREE, () -> lane.jsonTree(JsonLibrary.USUAL, null), "null");
        assertFails(name, Op.JSON_TREE, () -> lane.jsonTree(JsonLibrary.FAST, new byte[0]), "empty");
        assertFails(name, Op.JSON_TREE, () -> lane.jsonTree(null, "[]".getBytes(StandardCharsets.UTF_8)), "null");
        assertFails(name, Op.JSON_KEEP, () -> lane.jsonKeep(JsonLibrary.FAST, null), "null");
        assertFails(name, Op.JSON_WRITE, () -> lane.jsonWrite(0), "no kept records 0");
        assertFails(name, Op.JSON_RELEASE, () -> lane.jsonRelease(-1), "no kept records -1");
        assertFails(name, Op.ECHO, () -> lane.echo(null), "null");
        assertFails(name, Op.BCRYPT_HASH, () -> lane.bcryptHash(new byte[0], 4), "empty");
        assertFails(name, Op.BCRYPT_VERIFY, () -> lane.bcryptVerify(PASSWORD, null), "null");
        assertFails(name, Op.JWT_VERIFY, () -> lane.jwtVerify("", KEY), "empty");
        assertEquals(0, lane.echo(new byte[0]).length, "an empty echo is allowed");
    }

    @Test
    void aGoPanicBecomesALaneException() {
        NativeLane go = (NativeLane) Lanes.unchecked("go");
        LaneException e = assertThrows(LaneException.class, () -> go.fail("boom", 0));
        assertEquals("go", e.lane());
        assertEquals(Op.FAIL, e.op());
        assertTrue(e.getMessage().contains("panic") && e.getMessage().contains("boom"), e.getMessage());
    }

    @Test
    void aNilDereferenceInsideGoBecomesALaneExceptionNotACrash() {
        NativeLane go = (NativeLane) Lanes.unchecked("go");
        for (int i = 0; i < 100; i++) {
            LaneException e = assertThrows(LaneException.class, () -> go.fail("nil", 1));
            assertTrue(e.getMessage().contains("nil pointer"), e.getMessage());
        }
        assertEquals(3, Lanes.get("go").jsonTree(JsonLibrary.USUAL, "[1,2,3]".getBytes(StandardCharsets.UTF_8)), "Go still works after");
    }

    @Test
    void aPythonExceptionBecomesALaneExceptionWithItsTypeAndTraceback() {
        NativeLane python = (NativeLane) Lanes.unchecked("python");
        LaneException e = assertThrows(LaneException.class, () -> python.fail("boom é", 0));
        assertEquals("python", e.lane());
        assertTrue(e.getMessage().startsWith("python fail: RuntimeError: boom é"), e.getMessage());
        assertTrue(e.detail().contains("Traceback"), e.detail());
    }

    private static void assertFails(String lane, Op op, Executable call) {
        assertFails(lane, op, call, "");
    }

    private static void assertFails(String lane, Op op, Executable call, String causeContains) {
        LaneException e = assertThrows(LaneException.class, call);
        assertEquals(lane, e.lane(), e.getMessage());
        assertEquals(op, e.op(), e.getMessage());
        assertTrue(e.getMessage().startsWith(lane + " " + op + ": "), e.getMessage());
        assertTrue(e.getMessage().length() > (lane + " " + op + ": ").length() + 3, "no cause in: " + e.getMessage());
        assertTrue(e.getMessage().contains(causeContains), e.getMessage());
    }
}
