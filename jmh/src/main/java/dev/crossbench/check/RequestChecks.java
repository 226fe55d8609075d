package dev.crossbench.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossbench.check.CrossLaneChecks.Check;
import dev.crossbench.check.CrossLaneChecks.CheckFailure;
import dev.crossbench.contract.Digests;
import dev.crossbench.contract.JsonContract;
import dev.crossbench.lane.HttpAnswer;
import dev.crossbench.lane.HttpApp;
import dev.crossbench.lane.HttpTier;
import dev.crossbench.lane.Lane;
import dev.crossbench.payload.Requests.Request;
import dev.crossbench.payload.Requests;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every lane's web stack answers every request of the corpus alike, through
 * every tier it answers (lane-abi/OPS.md, "Requests"): the status
 * {@code requests/expected.tsv} gives, and for the endpoints' own JSON answers
 * the same content (RFC 8785 digest); a login's token is checked by verifying
 * it in every lane instead, since each lane signs its own time. Where a
 * server answers HTTP faults in its own way by design, OPS.md says so and
 * {@link #DIFFERENCES} holds it.
 */
final class RequestChecks {
    /** A login's token: claims as OPS.md gives them, signed with the corpus key, valid for an hour. */
    private static final long TOKEN_SECONDS = 3600;
    /** How far a token's iat may be from this check's clock: the lanes sign in the same second, give or take. */
    private static final long CLOCK_SLACK = 300;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Answers to HTTP faults that differ from requests/expected.tsv by design,
     * as OPS.md's hostile-request table says: request -> lane -> tier -> status.
     */
    static final Map<String, Map<String, Map<HttpTier, Integer>>> DIFFERENCES = Map.of(
            // net/http's header limit is 1 MiB; httptools sets none and uvicorn adds none.
            "oversized-header.http", Map.of(
                    "go", Map.of(HttpTier.SERVER, 200),
                    "python", Map.of(HttpTier.SERVER, 200, HttpTier.SERVER_CALLER, 200)),
            // net/http lets Transfer-Encoding override Content-Length (RFC 9112 6.3) and serves the request.
            "content-length-and-chunked.http", Map.of("go", Map.of(HttpTier.SERVER, 200)));

    private RequestChecks() {}

    /**
     * One check per request of the corpus, the endpoint it concerns as its
     * subject (json, login, items; http for routing and HTTP faults), and the
     * login through the as-written app.
     */
    static List<Check> all(List<Lane> lanes) {
        List<Check> checks = new ArrayList<>();
        Request asWritten = null;
        for (Request request : Requests.read()) {
            checks.add(new Check(CrossLaneChecks.REQUEST, endpointOf(request.name()), request.name()
                    + ": every lane answers " + request.expected() + " through every tier it concerns, with the same content",
                    () -> sameAnswer(lanes, request, HttpApp.EQUALISED)));
            if (request.name().equals("login.http")) {
                asWritten = request;
            }
        }
        Request login = asWritten;
        checks.add(new Check(CrossLaneChecks.REQUEST, "login-as-written",
                "login.http through the as-written app: every lane answers 200 with a token every lane verifies",
                () -> sameAnswer(lanes, login, HttpApp.AS_WRITTEN)));
        return checks;
    }

    /** The Requests benchmark's endpoint a request of the corpus concerns; http for routing and HTTP faults. */
    static String endpointOf(String request) {
        for (String endpoint : List.of("json", "login", "items")) {
            if (request.equals(endpoint + ".http") || request.startsWith(endpoint + "-")) {
                return endpoint;
            }
        }
        return "http";
    }

    private static void sameAnswer(List<Lane> lanes, Request request, HttpApp app) {
        Map<String, String> contents = new LinkedHashMap<>();
        for (Lane lane : lanes) {
            for (HttpTier tier : lane.info().httpTiers()) {
                if (!request.concerns(tier)) {
                    continue;
                }
                String who = lane.name() + " " + tier;
                HttpAnswer answer = lane.httpCheck(tier, app, request.bytes());
                Integer different = DIFFERENCES.getOrDefault(request.name(), Map.of()).getOrDefault(lane.name(), Map.of()).get(tier);
                if (different != null ? answer.status() != different : !request.accepts(answer.status())) {
                    throw new CheckFailure(who + " answers " + request.name() + " with " + answer.status() + ", not "
                            + (different != null ? different + " (OPS.md)" : request.expected()));
                }
                String content = content(lanes, request, answer, who);
                if (content != null) {
                    contents.put(who, content);
                }
            }
        }
        if (contents.values().stream().distinct().count() > 1) {
            StringBuilder message = new StringBuilder("lanes answer " + request.name() + " with other content:");
            contents.forEach((who, content) -> message.append("\n    ").append(who).append(": ").append(content));
            throw new CheckFailure(message.toString());
        }
    }

    /**
     * What of an answer every lane must share: for the endpoints' own JSON
     * answers (200, 400, 401 to the requests of every tier) the canonical
     * digest of the body, a token's claims' shape for a login's 200; null
     * where only the status is the contract (the framework's 404, 405 and
     * 413, and HTTP faults, which the server answers in its own words).
     */
    private static String content(List<Lane> lanes, Request request, HttpAnswer answer, String who) {
        int status = answer.status();
        if (!request.tiers().equals("all") || status != 200 && status != 400 && status != 401) {
            return null;
        }
        if (!answer.mediaType().equals("application/json")) {
            throw new CheckFailure(who + " answers " + request.name() + " as '" + answer.contentType() + "', not application/json");
        }
        JsonNode body;
        try {
            body = JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new CheckFailure(who + " answers " + request.name() + " with a body that is not JSON: " + e.getMessage());
        }
        if (status == 200 && body.has("token")) {
            return tokenVerifiedEverywhere(lanes, body, who);
        }
        return Digests.sha256Hex(JsonContract.canonical(body));
    }

    /** Checks a login's {"token": ...} in every lane; the shape every lane's answer shares. */
    private static String tokenVerifiedEverywhere(List<Lane> lanes, JsonNode body, String who) {
        if (body.size() != 1 || !body.path("token").isTextual()) {
            throw new CheckFailure(who + " answers a login with " + body + ", not {\"token\": ...}");
        }
        String token = body.path("token").asText();
        for (Lane verifier : lanes) {
            try {
                JsonNode claims = JSON.readTree(verifier.jwtVerify(token, CrossLaneChecks.JWT_KEY));
                long iat = claims.path("iat").asLong();
                long now = System.currentTimeMillis() / 1000;
                if (!claims.path("sub").asText().equals("42") || claims.path("exp").asLong() - iat != TOKEN_SECONDS
                        || Math.abs(iat - now) > CLOCK_SLACK || claims.size() != 3) {
                    throw new CheckFailure(who + "'s token has claims " + claims + ", not sub \"42\", iat now and exp an hour later");
                }
            } catch (IOException e) {
                throw new CheckFailure(verifier.name() + " verifies " + who + "'s token to claims that are not JSON");
            }
        }
        return "a token every lane verifies";
    }
}
