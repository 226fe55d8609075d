package dev.crossbench.lane;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.crossbench.lane.registry.Lanes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No lane (nor the bridge) keeps anything of a call's inputs or results past
 * the call (crossbench_lane.h: a and b are borrowed for the call only; the
 * result buffer is the caller's). The same Java array, overwritten between
 * calls, must give the new content's result each time, and a result already
 * returned must not change when later calls reuse the same native buffers
 * (the bridge's stack buffers, a lane's result buffer). A lane that
 * remembered results by input address or length, read an input after
 * returning, or handed back a shared result array fails here.
 */
class InputsNotKeptTest {
    /** Around each of the bridge's buffer sizes (512 bytes in and out), and large. */
    private static final int[] SIZES = {0, 1, 255, 511, 512, 513, 4_096, 65_536, 1 << 20};

    private static void fill(byte[] a, int seed) {
        for (int i = 0; i < a.length; i++) {
            a[i] = (byte) (i * 31 + seed * 17 + (i >>> 8));
        }
    }

    @ParameterizedTest
    @MethodSource("dev.crossbench.lane.registry.LaneRegistry#names")
    void anArrayOverwrittenBetweenCallsGivesTheNewContentsResult(String name) {
        Lane lane = Lanes.get(name);
        for (int size : SIZES) {
            byte[] payload = new byte[size];
            List<byte[]> expected = new ArrayList<>();
            List<byte[]> results = new ArrayList<>();
            for (int seed = 0; seed < 4; seed++) {
                fill(payload, seed);
                byte[] result = lane.echo(payload);
                assertArrayEquals(payload, result, name + " echo of " + size + " bytes, content " + seed);
                expected.add(payload.clone());
                results.add(result);
            }
            fill(payload, 99); // after the last call: nothing may read it any more
            for (int seed = 0; seed < results.size(); seed++) {
                assertArrayEquals(expected.get(seed), results.get(seed),
                        name + ": an earlier echo result of " + size + " bytes changed after later calls");
            }
        }
        // The same array and length, new contents: a parser must read them afresh.
        byte[] doc = new byte[2048];
        for (int count = 1; count <= 5; count++) {
            Arrays.fill(doc, (byte) ' ');
            StringBuilder array = new StringBuilder("[");
            for (int i = 0; i < count; i++) {
                array.append(i == 0 ? "" : ",").append(i);
            }
            byte[] text = array.append(']').toString().getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(text, 0, doc, 0, text.length);
            for (JsonLibrary library : lane.info().roles()) {
                assertEquals(count, lane.jsonTree(library, doc), name + " " + library + " json_tree of the same array rewritten to " + count + " elements");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dev.crossbench.lane.registry.LaneRegistry#names")
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void concurrentLargeEchoesEachGetTheirOwnBytes(String name) throws Exception {
        Lane lane = Lanes.get(name);
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                workers.add(pool.submit(() -> {
                    byte[] previous = null;
                    byte[] previousCopy = null;
                    for (int i = 0; i < 300; i++) {
                        byte[] payload = new byte[(i % 3 == 0) ? 300 : 40_000 + 977 * ((i * 7 + thread) % 40)];
                        fill(payload, thread * 1000 + i);
                        byte[] copy = payload.clone();
                        byte[] result = lane.echo(payload);
                        fill(payload, -1); // overwritten at once, as a caller may
                        assertArrayEquals(copy, result, name + " thread " + thread + " call " + i);
                        if (previous != null) {
                            assertArrayEquals(previousCopy, previous, name + " thread " + thread + ": result of call "
                                    + (i - 1) + " changed during call " + i);
                        }
                        previous = result;
                        previousCopy = result.clone();
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
