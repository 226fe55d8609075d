package dev.crossbench.bench;

import java.util.List;
import java.util.Map;

/**
 * Which measured steps each claim of the report is judged on: a login is a
 * small body bound, a password verified and a token signed; CPU-bound work is
 * every JSON, bcrypt and JWT op. The suite writes these into env.json beside
 * the catalogue; the claims' factors and verdict rule are in
 * scripts/crossbench_compare/rows/claims.py, their words in present/claim_texts.py.
 */
public final class ClaimSteps {
    /**
     * One step: the rows of an op family, narrowed to a variant and to params
     * ("k=v k=v", the JMH params other than lane and library) where given.
     * {@code label} says what the step is in a request, where the report names it.
     */
    public record Step(String label, OpFamily op, String variant, String params) {
        static Step all(OpFamily op) {
            return new Step("", op, "", "");
        }
    }

    private ClaimSteps() {}

    private static final Step BIND_SMALL = new Step("parse the login body (json bind, small)", OpFamily.JSON, "bind",
            "payload=small");

    /**
     * By claim number. Claim 3 (an auth API) is judged on the login's ops
     * summed, and on the login request through every tier, equalised and as
     * the articles wrote it; claim 4 (requests per second) on the parse of a
     * small body, and on the server tier's requests, whose CPU time per
     * request bounds the rate one core can serve.
     */
    public static final Map<Integer, List<Step>> CLAIMS = Map.of(
            1, List.of(Step.all(OpFamily.JSON)),
            2, List.of(Step.all(OpFamily.JSON), Step.all(OpFamily.BCRYPT), Step.all(OpFamily.JWT)),
            3, List.of(BIND_SMALL,
                    new Step("check the password (bcrypt verify)", OpFamily.BCRYPT, "verify", "cost=10"),
                    new Step("issue the token (jwt sign)", OpFamily.JWT, "sign", ""),
                    new Step("POST /auth/login, equalised", OpFamily.REQUEST, "", "endpoint=login"),
                    new Step("POST /auth/login, as written", OpFamily.REQUEST, "", "endpoint=login-as-written")),
            4, List.of(BIND_SMALL,
                    new Step("GET /json", OpFamily.REQUEST, "server", "endpoint=json"),
                    new Step("GET /items", OpFamily.REQUEST, "server", "endpoint=items")),
            5, List.of(Step.all(OpFamily.JSON)));
}
