package dev.crossbench.lane;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossbench.check.CrossLaneChecks;
import dev.crossbench.lane.jni.NativeLane;
import dev.crossbench.lane.registry.LaneRegistry;
import dev.crossbench.lane.registry.Lanes;
import dev.crossbench.payload.Payload;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way into the native lanes other than JNI (FFM, JNA, Jep) answers as
 * JNI does: the same bytes back at every size the sinks treat apart, the same
 * failures named the same way, Go panics and Python exceptions as
 * LaneExceptions rather than crashes, many threads at once. FFM needs JDK 22
 * or later: on JDK 17 its cases are skipped with the reason, and
 * scripts/test-other-jdk.sh runs this class again on the machine's newer JDK.
 * Jep needs a JVM whose CPython is Jep's: Maven runs this class again in one
 * (the jep-tests execution, -Dcrossbench.jep=true), where the Python lane's
 * library is not loaded and Java's answers are the reference.
 */
class WaysInTest {
    /** Around the result buffer (512 B), past the bridge's kept input buffer (1 MiB). */
    private static final int[] SIZES = {0, 1, 511, 512, 513, 4096, 65536, (1 << 20) + 1};

    /** Every native lane with every way in but JNI, each tested where this JVM reaches it. */
    static Stream<Arguments> nativeLanesAndWays() {
        return LaneRegistry.LANES.stream().filter(spec -> spec.isNative())
                .flatMap(spec -> Lanes.waysIn(spec.name()).stream().filter(way -> way != WayIn.JNI)
                        .map(way -> Arguments.of(spec.name(), way)));
    }

    /** The lane through this way, or the test skipped, saying why (FFM before JDK 22; Jep outside a Jep JVM). */
    private static Lane lane(String name, WayIn way) {
        String why = Lanes.unavailable(way);
        Assumptions.assumeTrue(why == null, why);
        boolean jepJvm = Boolean.getBoolean(Lanes.JEP_PROPERTY);
        Assumptions.assumeTrue(way.ownProcess() == jepJvm, way.ownProcess()
                ? "Jep runs in a JVM of its own: Maven's jep-tests execution runs these cases"
                : "this JVM's CPython is Jep's: the surefire default execution runs these cases");
        return Lanes.get(name, way);
    }

    /** What the lane answers through JNI where its library is loaded here; in a Jep JVM, the Java lane. */
    private static Lane reference(String name) {
        return Lanes.usualWayIn(name) == WayIn.JNI ? Lanes.get(name) : Lanes.get("java");
    }

    @ParameterizedTest
    @MethodSource("nativeLanesAndWays")
    void echoReturnsTheSameBytesAsJniAtEverySize(String name, WayIn way) {
        Lane lane = lane(name, way);
        for (int size : SIZES) {
            byte[] payload = new byte[size];
            for (int i = 0; i < size; i++) {
                payload[i] = (byte) (i * 31 + 7);
            }
            assertArrayEquals(reference(name).echo(payload), lane.echo(payload), size + " bytes");
            assertArrayEquals(payload, lane.echo(payload), size + " bytes");
        }
    }

    @ParameterizedTest
    @MethodSource("nativeLanesAndWays")
    void opsAnswerAsThroughJni(String name, WayIn way) {
        Lane lane = lane(name, way);
        Lane reference = reference(name);
        for (Payload payload : Payload.values()) {
            for (JsonLibrary library : lane.info().roles()) {
                assertEquals(reference.jsonTreeDigest(library, payload.bytes()), lane.jsonTreeDigest(library, payload.bytes()));
                assertEquals(reference.jsonBind(library, payload.bytes()), lane.jsonBind(library, payload.bytes()));
            }
        }
        String token = lane.jwtSign(CrossLaneChecks.JWT_CLAIMS, CrossLaneChecks.JWT_KEY);
        assertEquals(reference.jwtVerify(token, CrossLaneChecks.JWT_KEY), lane.jwtVerify(token, CrossLaneChecks.JWT_KEY));
        assertTrue(lane.bcryptVerify(CrossLaneChecks.PASSWORD, reference.bcryptHash(CrossLaneChecks.PASSWORD, 4)));
        if (reference.name().equals(name)) {
            assertEquals(reference.info(), lane.info());
        }
    }

    @ParameterizedTest
    @MethodSource("nativeLanesAndWays")
    void aLaneFailureNamesTheLaneTheWayInTheOpAndTheCause(String name, WayIn way) {
        Lane lane = lane(name, way);
        LaneException e = assertThrows(LaneException.class, () -> lane.jwtVerify("not.a.token", CrossLaneChecks.JWT_KEY));
        assertEquals(name + " (through " + way.id() + ")", e.lane());
        assertEquals(Op.JWT_VERIFY, e.op());
        assertTrue(e.getMessage().length() > (e.lane() + " " + Op.JWT_VERIFY + ": ").length() + 3, e.getMessage());
        assertEquals(2, lane.jsonTree(JsonLibrary.USUAL, "[1,2]".getBytes(StandardCharsets.UTF_8)), "the lane works after");
    }

    @ParameterizedTest
    @MethodSource("nativeLanesAndWays")
    void aGoPanicAndANilDereferenceBecomeLaneExceptionsNotCrashes(String name, WayIn way) {
        Assumptions.assumeTrue(name.equals("go"), "a panic is the Go lane's");
        lane(name, way);
        NativeLane go = (NativeLane) Lanes.unchecked(name, way);
        LaneException panic = assertThrows(LaneException.class, () -> go.fail("boom", 0));
        assertTrue(panic.getMessage().contains("panic") && panic.getMessage().contains("boom"), panic.getMessage());
        for (int i = 0; i < 100; i++) {
            LaneException nil = assertThrows(LaneException.class, () -> go.fail("nil", 1));
            assertTrue(nil.getMessage().contains("nil pointer"), nil.getMessage());
        }
    }

    @ParameterizedTest
    @MethodSource("nativeLanesAndWays")
    void aPythonExceptionBecomesALaneExceptionWithItsTypeAndTraceback(String name, WayIn way) {
        Assumptions.assumeTrue(name.equals("python"), "a Python exception is the Python lane's");
        lane(name, way);
        NativeLane python = (NativeLane) Lanes.unchecked(name, way);
        LaneException e = assertThrows(LaneException.class, () -> python.fail("boom é", 0));
        assertTrue(e.getMessage().startsWith("python (through " + way.id() + ") fail: RuntimeError: boom é"), e.getMessage());
        assertTrue(e.detail().contains("Traceback"), e.detail());
    }

    @ParameterizedTest
    @MethodSource("nativeLanesAndWays")
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void fourThreadsEachGetTheirOwnResults(String name, WayIn way) throws Exception {
        Lane lane = lane(name, way);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int seed = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        // Sizes on both sides of the result buffer, so sink buffers and callbacks interleave across threads.
                        byte[] payload = new byte[(seed * 500 + i) % 1500];
                        java.util.Arrays.fill(payload, (byte) seed);
                        assertArrayEquals(payload, lane.echo(payload));
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void jepIsReachedOnlyInAJvmOfItsOwn() {
        if (Boolean.getBoolean(Lanes.JEP_PROPERTY)) {
            assertEquals(WayIn.JEP, Lanes.usualWayIn("python"));
            SetupException e = assertThrows(SetupException.class, () -> Lanes.get("python", WayIn.JNI));
            assertTrue(e.getMessage().contains("CPython is Jep's"), e.getMessage());
            assertEquals(WayIn.JNI, Lanes.usualWayIn("go"), "Go is not Jep's to reach");
        } else {
            assertEquals(WayIn.JNI, Lanes.usualWayIn("python"));
            SetupException e = assertThrows(SetupException.class, () -> Lanes.get("python", WayIn.JEP));
            assertTrue(e.getMessage().contains("-D" + Lanes.JEP_PROPERTY + "=true"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Lanes.get("go", WayIn.JEP));
    }

    @Test
    void ffmIsUnavailableBeforeJdk22AndSaysWhy() {
        String why = Lanes.unavailable(WayIn.FFM);
        if (Runtime.version().feature() < 22) {
            assertTrue(why != null && why.contains("JDK 22") && why.contains("JAVA_HOME"), String.valueOf(why));
            SetupException e = assertThrows(SetupException.class, () -> Lanes.get("go", WayIn.FFM));
            assertEquals(why, e.getMessage());
        } else {
            assertEquals(null, why, "this JDK has FFM, and the build compiled the FFM way in (scripts/build-ffm)");
        }
        assertEquals(null, Lanes.unavailable(WayIn.JNA));
        assertThrows(IllegalArgumentException.class, () -> Lanes.get("java", WayIn.FFM));
    }
}
