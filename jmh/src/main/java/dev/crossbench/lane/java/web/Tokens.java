package dev.crossbench.lane.java.web;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import dev.crossbench.contract.AuthRules;
import java.time.Instant;

/**
 * The endpoints' JWTs, with auth0 java-jwt as the lane's jwt ops use it:
 * login signs {@code {"sub": "<id>", "iat": now, "exp": now + 3600}} with the
 * corpus key (HS256), /items verifies a bearer token with it, and the lane's
 * checks ({@link AuthRules}: the token's form, header and claims) apply on
 * the way in, as in jwt_verify.
 */
final class Tokens {
    static final long LIFETIME_SECONDS = 3600;

    private final Algorithm algorithm;
    private final JWTVerifier verifier;

    Tokens(byte[] key) {
        algorithm = Algorithm.HMAC256(key);
        verifier = JWT.require(algorithm).build(); // HS256 only; exp, nbf and iat checked against now, no leeway
    }

    /** A token for the user, valid for an hour from now (whole seconds, so exp - iat is exactly 3600). */
    String issue(long userId) {
        long now = Instant.now().getEpochSecond();
        return JWT.create()
                .withSubject(Long.toString(userId))
                .withIssuedAt(Instant.ofEpochSecond(now))
                .withExpiresAt(Instant.ofEpochSecond(now + LIFETIME_SECONDS))
                .sign(algorithm);
    }

    /**
     * Whether the token verifies: the lane's rules, the signature, and an
     * {@code exp} in the future (OPS.md: a token without one does not verify).
     */
    boolean verifies(String token) {
        try {
            AuthRules.checkCompact(token);
            DecodedJWT jwt = verifier.verify(token);
            AuthRules.checkClaims(jwt);
            return !jwt.getClaim("exp").isMissing();
        } catch (RuntimeException e) { // auth0's JWTVerificationException, or a rule's IllegalArgumentException
            return false;
        }
    }
}
