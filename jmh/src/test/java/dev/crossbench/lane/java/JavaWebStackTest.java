package dev.crossbench.lane.java;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossbench.contract.CheckedLane;
import dev.crossbench.lane.HttpAnswer;
import dev.crossbench.lane.HttpApp;
import dev.crossbench.lane.HttpTier;
import dev.crossbench.lane.JsonLibrary;
import dev.crossbench.lane.Lane;
import dev.crossbench.lane.LaneException;
import dev.crossbench.lane.Op;
import dev.crossbench.payload.Corpus;
import dev.crossbench.payload.Payload;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Java lane's web stack (Spring Boot on Jetty) through the lane's four
 * http ops, in every tier, on the corpus's requests (OPS.md, "Requests"),
 * without the native lanes: the JMH benchmarks are this lane's own harness,
 * this is its test.
 */
class JavaWebStackTest {
    private static final Lane JAVA = new CheckedLane(new JavaLane("java"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] KEY = Corpus.read("jwt-key");
    private static final Set<HttpTier> ALL = EnumSet.allOf(HttpTier.class);

    /**
     * Jetty's answers where expected.tsv allows any 4xx or a close: pinned, so
     * a change of Jetty's is seen. OPS.md's hostile-request table lists them.
     */
    private static final Map<String, Integer> HOSTILE = Map.of(
            "bad-request-line.http", 400,
            "oversized-header.http", 431,
            "duplicate-content-length.http", 400,
            "content-length-and-chunked.http", 400,
            "bad-chunked.http", 400);

    /** One line of corpus/requests/expected.tsv. */
    record Row(String name, String tiers, String expected) {
        byte[] bytes() {
            return Corpus.read("requests/" + name);
        }

        /** The tiers the request concerns: all (the endpoints), routed (a router answers), server (HTTP is wrong). */
        Set<HttpTier> tierSet() {
            return switch (tiers) {
                case "all" -> ALL;
                case "routed" -> EnumSet.of(HttpTier.FRAMEWORK, HttpTier.SERVER, HttpTier.SERVER_CALLER);
                case "server" -> EnumSet.of(HttpTier.SERVER, HttpTier.SERVER_CALLER);
                default -> throw new IllegalStateException("expected.tsv: tiers '" + tiers + "' of " + name);
            };
        }

        int status() {
            return expected.equals("4xx-or-close") ? HOSTILE.get(name) : Integer.parseInt(expected);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (String line : new String(Corpus.read("requests/expected.tsv"), StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] fields = line.split("\t");
                rows.add(new Row(fields[0], fields[1], fields[2]));
            }
        }
        return rows;
    }

    static Stream<Arguments> rowsAndTiers() {
        return rows().stream().flatMap(row -> row.tierSet().stream().map(tier -> Arguments.of(row, tier)));
    }

    @Test
    void expectedTsvListsEveryRequestOfTheCorpusAndThePinsCoverItsHostileOnes() {
        List<Row> rows = rows();
        assertEquals(25, rows.size(), "requests in expected.tsv");
        for (Row row : rows) {
            if (row.expected().equals("4xx-or-close")) {
                assertTrue(HOSTILE.containsKey(row.name()), row.name() + " has no pinned answer");
            }
        }
    }

    @ParameterizedTest(name = "{0} via {1}")
    @MethodSource("rowsAndTiers")
    void everyRequestGetsItsExpectedAnswer(Row row, HttpTier tier) {
        HttpAnswer answer = JAVA.httpCheck(tier, HttpApp.EQUALISED, row.bytes());
        assertEquals(row.status(), answer.status(), row.name() + " via " + tier + ": " + bodyText(answer));
        requireBody(row, answer);
    }

    /** The same request kept, run twice on one kept connection, released: the status and length check gave. */
    @ParameterizedTest(name = "{0} via {1}")
    @MethodSource("rowsAndTiers")
    void aKeptRequestRunsAgainAndAgain(Row row, HttpTier tier) {
        int expectedLength = JAVA.httpCheck(tier, HttpApp.EQUALISED, row.bytes()).body().length;
        int handle = JAVA.httpKeep(tier, HttpApp.EQUALISED, row.bytes());
        try {
            for (int i = 0; i < 2; i++) {
                long run = JAVA.httpRun(handle);
                assertEquals(row.status(), (int) (run >>> 32), row.name() + " via " + tier + ", run " + i);
                assertEquals(expectedLength, (int) run, row.name() + " via " + tier + ", run " + i + ": body length");
            }
        } finally {
            JAVA.httpRelease(handle);
        }
    }

    @ParameterizedTest
    @EnumSource(HttpTier.class)
    void theAsWrittenLoginSignsATokenThatOpensItems(HttpTier tier) {
        HttpAnswer login = JAVA.httpCheck(tier, HttpApp.AS_WRITTEN, Corpus.read("requests/login.http"));
        assertEquals(200, login.status(), bodyText(login));
        String token = requireToken(login);
        byte[] items = ("GET /items HTTP/1.1\r\nHost: crossbench\r\nAuthorization: Bearer " + token + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        HttpAnswer answer = JAVA.httpCheck(tier, HttpApp.AS_WRITTEN, items);
        assertEquals(200, answer.status(), bodyText(answer));
        assertEquals(JAVA.jsonWriteDigest(JsonLibrary.USUAL, Payload.MEDIUM.bytes()), JAVA.jsonTreeDigest(JsonLibrary.USUAL, answer.body()));
    }

    /**
     * Two handles of one app run at once from two threads, each on its own
     * connection to the same server, each getting its own answers: a login
     * (bcrypt, the longest request) beside /json, many times over.
     */
    @ParameterizedTest
    @EnumSource(HttpTier.class)
    void twoHandlesServeAtOnce(HttpTier tier) throws Exception {
        int login = JAVA.httpKeep(tier, HttpApp.EQUALISED, Corpus.read("requests/login.http"));
        int json = JAVA.httpKeep(tier, HttpApp.EQUALISED, Corpus.read("requests/json.http"));
        int jsonLength = JAVA.httpCheck(tier, HttpApp.EQUALISED, Corpus.read("requests/json.http")).body().length;
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            CyclicBarrier together = new CyclicBarrier(2);
            Future<Integer> logins = threads.submit(() -> runs(login, 5, together, 200, -1));
            Future<Integer> jsons = threads.submit(() -> runs(json, 5, together, 200, jsonLength));
            assertEquals(5, logins.get(60, TimeUnit.SECONDS));
            assertEquals(5, jsons.get(60, TimeUnit.SECONDS));
        } finally {
            threads.shutdownNow();
            JAVA.httpRelease(login);
            JAVA.httpRelease(json);
        }
    }

    private static int runs(int handle, int times, CyclicBarrier together, int status, int length) throws Exception {
        for (int i = 0; i < times; i++) {
            together.await(30, TimeUnit.SECONDS);
            long run = JAVA.httpRun(handle);
            assertEquals(status, (int) (run >>> 32), "handle " + handle + ", run " + i);
            if (length >= 0) {
                assertEquals(length, (int) run, "handle " + handle + ", run " + i);
            }
        }
        return times;
    }

    @ParameterizedTest
    @EnumSource(HttpTier.class)
    void aReleasedHandleAndAnUnknownOneAreFailures(HttpTier tier) {
        int handle = JAVA.httpKeep(tier, HttpApp.EQUALISED, Corpus.read("requests/json.http"));
        JAVA.httpRelease(handle);
        LaneException run = assertThrows(LaneException.class, () -> JAVA.httpRun(handle));
        assertEquals("java http_run: no kept request " + handle, run.getMessage());
        LaneException release = assertThrows(LaneException.class, () -> JAVA.httpRelease(handle));
        assertEquals("java http_release: no kept request " + handle, release.getMessage());
        LaneException never = assertThrows(LaneException.class, () -> JAVA.httpRun(Integer.MAX_VALUE));
        assertEquals(Op.HTTP_RUN, never.op());
        assertTrue(never.getMessage().endsWith("no kept request " + Integer.MAX_VALUE), never.getMessage());
    }

    /**
     * A JMH fork ends when its last non-daemon thread does: an app started and
     * serving leaves none behind (Jetty's pool and scheduler would be, by default).
     */
    @Test
    void theStackStartsNoThreadThatKeepsTheJvmAlive() throws Exception {
        Set<Thread> before = nonDaemonThreads();
        Lane fresh = new CheckedLane(new JavaLane("java"));
        for (HttpTier tier : HttpTier.values()) {
            int handle = fresh.httpKeep(tier, HttpApp.EQUALISED, Corpus.read("requests/json.http"));
            assertEquals(200, (int) (fresh.httpRun(handle) >>> 32));
            fresh.httpRelease(handle);
        }
        for (Thread thread : nonDaemonThreads()) {
            if (thread.getName().equals("background-preinit")) {
                thread.join(TimeUnit.SECONDS.toMillis(30)); // Spring Boot's, which ends once it has warmed some classes
            }
        }
        Set<Thread> started = nonDaemonThreads();
        started.removeAll(before);
        assertEquals(Set.of(), started, "non-daemon threads the web stack left running");
    }

    private static Set<Thread> nonDaemonThreads() {
        Set<Thread> threads = new java.util.HashSet<>(Thread.getAllStackTraces().keySet());
        threads.removeIf(thread -> thread.isDaemon() || !thread.isAlive());
        return threads;
    }

    @Test
    void theHandlerTierRefusesARequestForTheRouter() {
        LaneException e = assertThrows(LaneException.class,
                () -> JAVA.httpKeep(HttpTier.HANDLER, HttpApp.EQUALISED, Corpus.read("requests/not-found.http")));
        assertTrue(e.getMessage().contains("GET /nope"), e.getMessage());
    }

    @Test
    void theLaneNamesItsTiersAndItsWebStack() {
        assertEquals(List.of(HttpTier.values()), JAVA.info().httpTiers());
        Map<String, String> libraries = JAVA.info().libraries();
        assertEquals(org.springframework.boot.SpringBootVersion.getVersion(), libraries.get("org.springframework.boot:spring-boot"));
        assertEquals(org.springframework.core.SpringVersion.getVersion(), libraries.get("org.springframework:spring-webmvc"));
        assertEquals(org.eclipse.jetty.util.Jetty.VERSION, libraries.get("org.eclipse.jetty:jetty-server"));
        assertEquals(tools.jackson.databind.cfg.PackageVersion.VERSION.toString(), libraries.get("tools.jackson.core:jackson-databind"));
    }

    /** What every lane must answer to the endpoints' requests: the JSON bodies (OPS.md), a JSON content type on them. */
    private static void requireBody(Row row, HttpAnswer answer) {
        if (!row.tiers().equals("all")) {
            return; // 404, 405, 413 and the hostile answers: the framework's and the server's own bodies
        }
        switch (row.status()) {
            case 400 -> assertArrayEquals(bytes("{\"error\":\"bad request\"}"), answer.body(), row.name());
            case 401 -> assertArrayEquals(bytes("{\"error\":\"unauthorized\"}"), answer.body(), row.name());
            case 200 -> {
                switch (row.name()) {
                    case "json.http" -> assertEquals(JAVA.jsonTreeDigest(JsonLibrary.USUAL, bytes("{\"message\":\"Hello, World!\"}")),
                            JAVA.jsonTreeDigest(JsonLibrary.USUAL, answer.body()));
                    case "login.http" -> requireToken(answer);
                    case "items.http" -> assertEquals(JAVA.jsonWriteDigest(JsonLibrary.USUAL, Payload.MEDIUM.bytes()),
                            JAVA.jsonTreeDigest(JsonLibrary.USUAL, answer.body()));
                    default -> throw new IllegalStateException("no body check for " + row.name());
                }
            }
            default -> throw new IllegalStateException("no body check for status " + row.status() + " of " + row.name());
        }
        assertEquals("application/json", answer.mediaType(), row.name());
    }

    /** A login's token: it verifies with the corpus key (in the lane's jwt_verify), for user 42, for an hour. */
    private static String requireToken(HttpAnswer login) {
        try {
            JsonNode body = JSON.readTree(login.body());
            assertEquals(1, body.size(), bodyText(login));
            String token = body.get("token").asText();
            JsonNode claims = JSON.readTree(JAVA.jwtVerify(token, KEY));
            assertEquals("42", claims.get("sub").asText());
            assertEquals(3600, claims.get("exp").asLong() - claims.get("iat").asLong());
            return token;
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + bodyText(login), e);
        }
    }

    private static String bodyText(HttpAnswer answer) {
        String body = new String(answer.body(), StandardCharsets.UTF_8);
        return answer + " " + (body.length() > 300 ? body.substring(0, 300) + "..." : body);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
