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
 * Every way into the native lanes other than JNI (FFM, JNA) answers as JNI
 * does: the same bytes back at every size the sinks treat apart, the same
 * failures named the same way, Go panics and Python exceptions as
 * LaneExceptions rather than crashes, many threads at once. FFM needs JDK 22
 * or later: on JDK 17 its cases are skipped with the reason, and
 * scripts/test-other-jdk.sh runs this class again on the machine's newer JDK.
 */
class WaysInTest {
    /** Around the result buffer (512 B), past the bridge's kept input buffer (1 MiB). */
    private static final int[] SIZES = {0, 1, 511, 512, 513, 4096, 65536, (1 << 20) + 1};

    static Stream<Arguments> nativeLanesAndWays() {
        return LaneRegistry.LANES.stream().filter(spec -> spec.isNative())
                .flatMap(spec -> Stream.of(WayIn.FFM, WayIn.JNA).map(way -> Arguments.of(spec.name(), way)));
    }

    private static Lane lane(String name, WayIn way) {
        String why = Lanes.unavailable(way);
        Assumptions.assumeTrue(why == null, why);
        return Lanes.get(name, way);
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
            assertArrayEquals(Lanes.get(name).echo(payload), lane.echo(payload), size + " bytes");
            assertArrayEquals(payload, lane.echo(payload), size + " bytes");
        }
    }

    @ParameterizedTest
    @MethodSource("nativeLanesAndWays")
    void opsAnswerAsThroughJni(String name, WayIn way) {
        Lane lane = lane(name, way);
        Lane jni = Lanes.get(name);
        for (Payload payload : Payload.values()) {
            for (JsonLibrary library : jni.info().roles()) {
                assertEquals(jni.jsonTreeDigest(library, payload.bytes()), lane.jsonTreeDigest(library, payload.bytes()));
                assertEquals(jni.jsonBind(library, payload.bytes()), lane.jsonBind(library, payload.bytes()));
            }
        }
        String token = lane.jwtSign(CrossLaneChecks.JWT_CLAIMS, CrossLaneChecks.JWT_KEY);
        assertEquals(jni.jwtVerify(token, CrossLaneChecks.JWT_KEY), lane.jwtVerify(token, CrossLaneChecks.JWT_KEY));
        assertTrue(lane.bcryptVerify(CrossLaneChecks.PASSWORD, jni.bcryptHash(CrossLaneChecks.PASSWORD, 4)));
        assertEquals(jni.info(), lane.info());
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

    @Test
    void aGoPanicAndANilDereferenceBecomeLaneExceptionsNotCrashes() {
        for (WayIn way : List.of(WayIn.FFM, WayIn.JNA)) {
            if (Lanes.unavailable(way) != null) {
                continue;
            }
            NativeLane go = (NativeLane) Lanes.unchecked("go", way);
            LaneException panic = assertThrows(LaneException.class, () -> go.fail("boom", 0));
            assertTrue(panic.getMessage().contains("panic") && panic.getMessage().contains("boom"), panic.getMessage());
            for (int i = 0; i < 100; i++) {
                LaneException nil = assertThrows(LaneException.class, () -> go.fail("nil", 1));
                assertTrue(nil.getMessage().contains("nil pointer"), nil.getMessage());
            }
        }
        Assumptions.assumeTrue(Lanes.unavailable(WayIn.FFM) == null, Lanes.unavailable(WayIn.FFM));
    }

    @Test
    void aPythonExceptionBecomesALaneExceptionWithItsTypeAndTraceback() {
        for (WayIn way : List.of(WayIn.FFM, WayIn.JNA)) {
            if (Lanes.unavailable(way) != null) {
                continue;
            }
            NativeLane python = (NativeLane) Lanes.unchecked("python", way);
            LaneException e = assertThrows(LaneException.class, () -> python.fail("boom é", 0));
            assertTrue(e.getMessage().startsWith("python (through " + way.id() + ") fail: RuntimeError: boom é"), e.getMessage());
            assertTrue(e.detail().contains("Traceback"), e.detail());
        }
        Assumptions.assumeTrue(Lanes.unavailable(WayIn.FFM) == null, Lanes.unavailable(WayIn.FFM));
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
