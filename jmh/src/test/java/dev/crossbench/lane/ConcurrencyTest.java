package dev.crossbench.lane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossbench.check.CrossLaneChecks;
import dev.crossbench.lane.registry.Lanes;
import dev.crossbench.payload.Payload;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Four Java threads, each making 1,000 mixed calls into every lane at once:
 * every result correct and no deadlock (the GIL, Go's Ps and JNI all in play).
 * Threads are new to the runtimes, so each gets its first Python thread state
 * and Go M here, and gives them back when it ends.
 */
class ConcurrencyTest {
    private static final int THREADS = 4;
    private static final int CALLS_PER_LANE = 1_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void fourThreadsOfMixedCallsIntoEveryLaneAllAnswerRight() throws Exception {
        byte[] doc = Payload.SMALL.bytes();
        int users = Lanes.get("java").jsonBind(JsonLibrary.USUAL, doc);
        String digest = Lanes.get("java").jsonTreeDigest(JsonLibrary.USUAL, doc);
        // One kept set of records per lane and library, written from every thread at once (json_write's promise).
        java.util.Map<String, Integer> handles = new java.util.HashMap<>();
        java.util.Map<String, Integer> written = new java.util.HashMap<>();
        for (Lane lane : Lanes.all()) {
            for (JsonLibrary library : lane.info().roles()) {
                int handle = lane.jsonKeep(library, doc);
                handles.put(lane.name() + library, handle);
                written.put(lane.name() + library, lane.jsonWrite(handle));
            }
        }
        byte[] password = "concurrency".getBytes(StandardCharsets.US_ASCII);
        String hash = Lanes.get("java").bcryptHash(password, 4);
        JsonNode claims = JSON.readTree(CrossLaneChecks.JWT_CLAIMS);

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Integer>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int seed = t;
                workers.add(pool.submit(() -> {
                    int calls = 0;
                    for (int i = 0; i < CALLS_PER_LANE; i++) {
                        for (Lane lane : Lanes.all()) {
                            String where = lane.name() + " call " + i + " on thread " + seed;
                            List<JsonLibrary> roles = lane.info().roles();
                            JsonLibrary library = roles.get((i / 7 + seed) % roles.size());
                            switch ((i + seed) % 6) {
                                case 0 -> {
                                    byte[] payload = ("payload " + i + " " + seed).getBytes(StandardCharsets.UTF_8);
                                    assertTrue(Arrays.equals(payload, lane.echo(payload)), where);
                                }
                                case 1 -> assertEquals(users, lane.jsonBind(library, doc), where);
                                case 2 -> assertEquals(digest, lane.jsonTreeDigest(library, doc), where);
                                case 5 -> assertEquals(written.get(lane.name() + library), lane.jsonWrite(handles.get(lane.name() + library)), where);
                                case 3 -> assertEquals(i % 2 == 0, lane.bcryptVerify(i % 2 == 0 ? password : "wrong".getBytes(), hash), where);
                                default -> {
                                    String token = lane.jwtSign(CrossLaneChecks.JWT_CLAIMS, CrossLaneChecks.JWT_KEY);
                                    assertEquals(claims, JSON.readTree(lane.jwtVerify(token, CrossLaneChecks.JWT_KEY)), where);
                                }
                            }
                            calls++;
                        }
                    }
                    return calls;
                }));
            }
            for (Future<Integer> worker : workers) {
                assertEquals(CALLS_PER_LANE * Lanes.NAMES.size(), worker.get(4, TimeUnit.MINUTES));
            }
        } finally {
            pool.shutdownNow();
            for (Lane lane : Lanes.all()) {
                for (JsonLibrary library : lane.info().roles()) {
                    lane.jsonRelease(handles.get(lane.name() + library));
                }
            }
        }
    }
}
