package dev.crossbench.lane.java.web;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.crossbench.contract.AuthRules;
import dev.crossbench.payload.User;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The endpoints' work (OPS.md, "The endpoints") once the request is bound:
 * look up, verify, sign. The controller calls it through Spring MVC; the
 * handler tier calls it directly. Safe from many threads: nothing changes
 * after construction.
 */
final class Endpoints {
    static final int MAX_PASSWORD_BYTES = 72;
    private static final String BEARER = "Bearer ";

    private final Users users;
    private final Tokens tokens;
    /** /items' records: corpus/medium.json, bound once by the lane's Jackson bind, never changed. */
    private final List<User> items;

    Endpoints(Users users, Tokens tokens, List<User> items) {
        this.users = users;
        this.tokens = tokens;
        this.items = List.copyOf(items);
    }

    /** GET /json. */
    Answer json() {
        return new Answer(200, new Bodies.Message("Hello, World!"));
    }

    /**
     * POST /auth/login, its body bound: 400 for a member missing or a password
     * that is not 1 to 72 bytes of UTF-8; 401 for an unknown user or a wrong
     * password; 200 and a token otherwise.
     */
    Answer login(Bodies.Login body) {
        if (body == null || body.email() == null || body.password() == null) {
            return Answer.BAD_REQUEST;
        }
        byte[] password = body.password().getBytes(StandardCharsets.UTF_8);
        if (password.length < 1 || password.length > MAX_PASSWORD_BYTES) {
            return Answer.BAD_REQUEST;
        }
        Users.Stored user = users.find(body.email());
        if (user == null) {
            return Answer.UNAUTHORIZED;
        }
        if (!BCrypt.verifyer().verify(password, user.passwordHash()).verified) {
            return Answer.UNAUTHORIZED;
        }
        return new Answer(200, new Bodies.Token(tokens.issue(user.id())));
    }

    /** GET /items with its Authorization header (null when absent): the records, or 401. */
    Answer items(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Answer.UNAUTHORIZED;
        }
        String token = authorization.substring(BEARER.length()).strip();
        if (token.isEmpty() || token.length() > AuthRules.MAX_TOKEN || !tokens.verifies(token)) {
            return Answer.UNAUTHORIZED;
        }
        return new Answer(200, items);
    }
}
