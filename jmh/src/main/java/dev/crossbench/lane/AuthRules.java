package dev.crossbench.lane;

import com.auth0.jwt.interfaces.Claim;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The bcrypt and JWT rules of OPS.md ("Hashes and tokens every lane treats the
 * same") that the Java libraries do not make themselves; the Go lane
 * ({@code native-go/ops}) and the Python lane ({@code crossbench_py/ops.py})
 * make the same checks. Each method throws {@link IllegalArgumentException}
 * naming the broken rule.
 */
final class AuthRules {
    /** bcrypt cost, hashing and verifying: cost 20 takes about a minute on 2 cores, 31 about 36 hours. */
    static final int MIN_COST = 4;
    static final int MAX_COST = 20;
    static final int MAX_TOKEN = 65536;
    static final int MAX_CLAIMS = 65536;
    static final int MAX_DEPTH = 64;
    static final int MAX_NUMBER = 100;
    static final long MAX_DATE = 253402300799L; // 9999-12-31T23:59:59Z

    /** {"alg":"HS256","typ":"JWT"}, the header every lane writes; it meets every rule, so only others are checked. */
    static final String STANDARD_HEADER = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9";

    private static final String BCRYPT_ALPHABET = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

    private AuthRules() {}

    /** 60 characters: $2a$, $2b$ or $2y$, cost 04..20, 53 of bcrypt's base64 with the unused bits zero. */
    static void checkBcryptHash(String h) {
        if (h.length() != 60) {
            throw new IllegalArgumentException("bcrypt hash is malformed: " + h.length() + " characters, not 60");
        }
        char v = h.charAt(2);
        if (h.charAt(0) != '$' || h.charAt(1) != '2' || (v != 'a' && v != 'b' && v != 'y') || h.charAt(3) != '$') {
            throw new IllegalArgumentException("bcrypt hash is malformed: it must start with $2a$, $2b$ or $2y$");
        }
        char c1 = h.charAt(4), c2 = h.charAt(5);
        if (c1 < '0' || c1 > '9' || c2 < '0' || c2 > '9' || h.charAt(6) != '$') {
            throw new IllegalArgumentException("bcrypt hash is malformed: the cost must be two digits and a $");
        }
        int cost = (c1 - '0') * 10 + (c2 - '0');
        if (cost < MIN_COST || cost > MAX_COST) {
            throw new IllegalArgumentException("bcrypt hash has cost " + cost + ", outside " + MIN_COST + ".." + MAX_COST);
        }
        for (int i = 7; i < 60; i++) {
            int value = BCRYPT_ALPHABET.indexOf(h.charAt(i));
            if (value < 0) {
                throw new IllegalArgumentException("bcrypt hash is malformed: '" + h.charAt(i) + "' at " + i + " is not bcrypt base64");
            }
            if ((i == 28 && value % 16 != 0) || (i == 59 && value % 4 != 0)) {
                throw new IllegalArgumentException("bcrypt hash is malformed: '" + h.charAt(i) + "' at " + i + " sets unused bits");
            }
        }
    }

    /**
     * The token's form (three canonical base64url segments, no padding), a
     * header other than the standard one, and the claims' JSON; returns the
     * claims exactly as signed.
     */
    static byte[] checkCompact(String token) {
        if (token.length() > MAX_TOKEN) {
            throw new IllegalArgumentException("token is " + token.length() + " characters, over " + MAX_TOKEN);
        }
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (second < 0 || token.indexOf('.', second + 1) >= 0) {
            throw new IllegalArgumentException("token is malformed: not three segments");
        }
        checkSegment(token, 0, first);
        checkSegment(token, first + 1, second);
        checkSegment(token, second + 1, token.length());
        Base64.Decoder decoder = Base64.getUrlDecoder();
        if (first != STANDARD_HEADER.length() || !token.startsWith(STANDARD_HEADER)) {
            byte[] header = decoder.decode(token.substring(0, first));
            Map<String, Object> fields = parseObject(header, "header");
            if (fields.containsKey("crit") || fields.containsKey("b64")) {
                throw new IllegalArgumentException("header asks for crit or b64, which no lane supports");
            }
            if (fields.containsKey("kid") && !(fields.get("kid") instanceof String)) {
                throw new IllegalArgumentException("header kid must be a string");
            }

        }
        byte[] payload = decoder.decode(token.substring(first + 1, second));
        checkJson(payload, "claims");
        return payload;
    }

    private static void checkSegment(String token, int from, int to) {
        int length = to - from;
        if (length == 0 || length % 4 == 1) {
            throw new IllegalArgumentException("token is malformed: a segment of " + length + " characters");
        }
        for (int i = from; i < to; i++) {
            char c = token.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
                throw new IllegalArgumentException("token is malformed: '" + c + "' is not base64url without padding");
            }
        }
        int last = BASE64URL.indexOf(token.charAt(to - 1));
        if ((length % 4 == 2 && last % 16 != 0) || (length % 4 == 3 && last % 4 != 0)) {
            throw new IllegalArgumentException("token is malformed: a segment's last character sets unused bits");
        }
    }

    /** exp, nbf, iat: numbers in 0..MAX_DATE; no aud; iss, sub, jti strings. */
    static void checkClaims(DecodedJWT jwt) {
        for (String name : new String[] {"exp", "nbf", "iat"}) {
            Claim claim = jwt.getClaim(name);
            if (claim.isMissing()) {
                continue;
            }
            Double value = claim.asDouble();
            if (value == null || !(value >= 0 && value <= MAX_DATE)) {
                throw new IllegalArgumentException(name + " must be a number in 0.." + MAX_DATE);
            }
        }
        if (!jwt.getClaim("aud").isMissing()) {
            throw new IllegalArgumentException("aud is present and this verifier has no audience (RFC 7519, 4.1.3)");
        }
        for (String name : new String[] {"iss", "sub", "jti"}) {
            Claim claim = jwt.getClaim(name);
            if (!claim.isMissing() && claim.asString() == null) {
                throw new IllegalArgumentException(name + " must be a string");
            }
        }
    }

    /** Claims to sign: integers within 64 bits, other numbers finite doubles (what auth0 can write), iss a string (what PyJWT writes). */
    static void checkSignValues(Map<String, Object> claims) {
        checkNumbers(claims, true);
        if (claims.containsKey("iss") && !(claims.get("iss") instanceof String)) {
            throw new IllegalArgumentException("iss must be a string"); // PyJWT writes no other
        }
    }

    /** int64: integers must fit in 64 bits; either way no number may overflow a double. */
    private static void checkNumbers(Object value, boolean int64) {
        if (value instanceof Map<?, ?> map) {
            for (Object v : map.values()) {
                checkNumbers(v, int64);
            }
        } else if (value instanceof List<?> list) {
            for (Object v : list) {
                checkNumbers(v, int64);
            }
        } else if (int64 && value instanceof BigInteger big) {
            throw new IllegalArgumentException("integer " + big + " does not fit in 64 bits");
        } else if (value instanceof BigDecimal || (value instanceof Double d && d.isInfinite())) {
            throw new IllegalArgumentException("number " + value + " is beyond a double");
        }
    }

    /** A header: golang-jwt reads its numbers as float64, so none may overflow a double, even one a repeated name replaces. */
    private static Map<String, Object> parseObject(byte[] json, String what) {
        checkJson(json, what);
        try (JsonParser parser = STRICT.getFactory().createParser(json)) {
            for (JsonToken t = parser.nextToken(); t != null; t = parser.nextToken()) {
                if (t == JsonToken.VALUE_NUMBER_FLOAT && Double.isInfinite(parser.getDoubleValue())) {
                    throw new IllegalArgumentException(what + ": number " + parser.getText() + " is beyond a double");
                }
            }
            return STRICT.readValue(json, OBJECT);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
        }
    }

    /**
     * The JSON of a header or claims: strict UTF-8, one object and nothing
     * after it, nesting at most MAX_DEPTH, number literals at most MAX_NUMBER
     * characters, no lone surrogate escapes. Other syntax is the parser's,
     * which runs after; on valid JSON this finds the object's end exactly.
     */
    static void checkJson(byte[] b, String what) {
        checkUtf8(b, what);
        int i = skipSpace(b, 0);
        if (i == b.length || b[i] != '{') {
            throw new IllegalArgumentException(what + " are not a JSON object");
        }
        int depth = 0, number = 0;
        for (; i < b.length; i++) {
            byte c = b[i];
            if (c == '"') {
                number = 0;
                for (i++; i < b.length && b[i] != '"'; i++) {
                    if (b[i] != '\\') {
                        continue;
                    }
                    if (i + 1 < b.length && b[i + 1] == 'u') {
                        int r = hex4(b, i + 2);
                        if (r >= 0xDC00 && r <= 0xDFFF) {
                            throw new IllegalArgumentException(what + ": a lone surrogate escape");
                        }
                        if (r >= 0xD800 && r <= 0xDBFF) {
                            int lo = i + 7 < b.length && b[i + 6] == '\\' && b[i + 7] == 'u' ? hex4(b, i + 8) : -1;
                            if (lo < 0xDC00 || lo > 0xDFFF) {
                                throw new IllegalArgumentException(what + ": a lone surrogate escape");
                            }
                            i += 6;
                        }
                        i += 5;
                    } else {
                        i++;
                    }
                }
            } else if (c == '{' || c == '[') {
                number = 0;
                if (++depth > MAX_DEPTH) {
                    throw new IllegalArgumentException(what + ": nested deeper than " + MAX_DEPTH);
                }
            } else if (c == '}' || c == ']') {
                number = 0;
                if (--depth == 0) {
                    if (skipSpace(b, i + 1) != b.length) {
                        throw new IllegalArgumentException(what + ": data after the JSON object");
                    }
                    return;
                }
            } else if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E') {
                if (++number > MAX_NUMBER) {
                    throw new IllegalArgumentException(what + ": a number longer than " + MAX_NUMBER + " characters");
                }
            } else {
                number = 0;
            }
        }
        throw new IllegalArgumentException(what + ": unterminated JSON object");
    }

    /** RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF. */
    private static void checkUtf8(byte[] b, String what) {
        for (int i = 0; i < b.length; i++) {
            int c = b[i] & 0xff;
            if (c < 0x80) {
                continue;
            }
            int more, lo = 0x80, hi = 0xBF;
            if (c >= 0xC2 && c <= 0xDF) {
                more = 1;
            } else if (c >= 0xE0 && c <= 0xEF) {
                more = 2;
                if (c == 0xE0) {
                    lo = 0xA0;
                } else if (c == 0xED) {
                    hi = 0x9F;
                }
            } else if (c >= 0xF0 && c <= 0xF4) {
                more = 3;
                if (c == 0xF0) {
                    lo = 0x90;
                } else if (c == 0xF4) {
                    hi = 0x8F;
                }
            } else {
                throw new IllegalArgumentException(what + " are not UTF-8");
            }
            if (i + more >= b.length) {
                throw new IllegalArgumentException(what + " are not UTF-8");
            }
            for (int k = 1; k <= more; k++) {
                int d = b[i + k] & 0xff;
                if (d < (k == 1 ? lo : 0x80) || d > (k == 1 ? hi : 0xBF)) {
                    throw new IllegalArgumentException(what + " are not UTF-8");
                }
            }
            i += more;
        }
    }

    private static int skipSpace(byte[] b, int i) {
        while (i < b.length && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r')) {
            i++;
        }
        return i;
    }

    private static int hex4(byte[] b, int i) {
        if (i + 4 > b.length) {
            return -1;
        }
        int v = 0;
        for (int k = i; k < i + 4; k++) {
            int d = Character.digit(b[k], 16);
            if (d < 0) {
                return -1;
            }
            v = v << 4 | d;
        }
        return v;
    }
}
