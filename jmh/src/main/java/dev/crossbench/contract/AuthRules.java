package dev.crossbench.contract;

import com.auth0.jwt.interfaces.Claim;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
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
public final class AuthRules {
    /** bcrypt cost, hashing and verifying: cost 20 takes about a minute on 2 cores, 31 about 36 hours. */
    public static final int MIN_COST = 4;
    public static final int MAX_COST = 20;
    public static final int MAX_TOKEN = 65536;
    public static final int MAX_CLAIMS = 65536;
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
    public static void checkBcryptHash(String h) {
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
     * claims exactly as signed. Java's URL decoder, here and in auth0, refuses
     * every character outside the alphabet but takes {@code =} padding and
     * ignores unused bits, so those two are checked here.
     */
    public static byte[] checkCompact(String token) {
        if (token.length() > MAX_TOKEN) {
            throw new IllegalArgumentException("token is " + token.length() + " characters, over " + MAX_TOKEN);
        }
        if (token.indexOf('=') >= 0) {
            throw new IllegalArgumentException("token is malformed: base64url is written without = padding (RFC 7515)");
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
        checkJson(payload, "claims", false);
        return payload;
    }

    /** Not empty, a length base64 can have, and the canonical last character (unused bits zero). */
    private static void checkSegment(String token, int from, int to) {
        int length = to - from;
        if (length == 0 || length % 4 == 1) {
            throw new IllegalArgumentException("token is malformed: a segment of " + length + " characters");
        }
        int last = BASE64URL.indexOf(token.charAt(to - 1));
        if ((length % 4 == 2 && last % 16 != 0) || (length % 4 == 3 && last % 4 != 0)) {
            throw new IllegalArgumentException("token is malformed: a segment's last character is not base64url or sets unused bits");
        }
    }

    /** exp, nbf, iat: numbers in 0..MAX_DATE; no aud; iss, sub, jti strings. */
    public static void checkClaims(DecodedJWT jwt) {
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

    /** Claims to sign, as parsed: iss a string (PyJWT writes no other). Numbers are judged in {@link #checkJson}. */
    public static void checkSignValues(Map<String, Object> claims) {
        if (claims.containsKey("iss") && !(claims.get("iss") instanceof String)) {
            throw new IllegalArgumentException("iss must be a string");
        }
    }

    /** A header: golang-jwt reads its numbers as float64, so none may overflow a double, even one a repeated name replaces. */
    private static Map<String, Object> parseObject(byte[] json, String what) {
        checkJson(json, what, false);
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
     * characters, no lone surrogate escapes; for claims to sign ({@code sign}),
     * every integer literal within 64 bits and every other number literal
     * finite as a double. Other syntax is the parser's, which runs after; on
     * valid JSON this finds the object's end exactly.
     */
    public static void checkJson(byte[] b, String what, boolean sign) {
        int i = skipSpace(b, 0);
        if (i == b.length || b[i] != '{') {
            throw new IllegalArgumentException(what + " are not a JSON object");
        }
        int depth = 0, number = 0;
        boolean fraction = false;
        for (; i < b.length; i++) {
            int kind = KIND[b[i] & 0xff];
            if (kind == NUMBER || kind == FRACTION) {
                fraction |= kind == FRACTION;
                if (++number > MAX_NUMBER) {
                    throw new IllegalArgumentException(what + ": a number longer than " + MAX_NUMBER + " characters");
                }
                continue;
            }
            if (number > 0) {
                byte head = b[i - number];
                if (sign && (fraction || number > 18) && (head == '-' || (head >= '0' && head <= '9'))) { // not the e of true
                    checkSignNumber(new String(b, i - number, number, StandardCharsets.US_ASCII), fraction, what);
                }
                number = 0;
                fraction = false;
            }
            switch (kind) {
                case QUOTE -> {
                    try {
                        i = JsonContract.string(b, i + 1) - 1; // at the closing quote
                    } catch (JsonContract.Violation e) {
                        throw new IllegalArgumentException(what + ": " + e.getMessage());
                    }
                }
                case OPEN -> {
                    if (++depth > MAX_DEPTH) {
                        throw new IllegalArgumentException(what + ": nested deeper than " + MAX_DEPTH);
                    }
                }
                case CLOSE -> {
                    if (--depth == 0) {
                        if (skipSpace(b, i + 1) != b.length) {
                            throw new IllegalArgumentException(what + ": data after the JSON object");
                        }
                        return;
                    }
                }
                case HIGH -> throw new IllegalArgumentException(what + " are not JSON: a non-ASCII byte outside a string");
                default -> { }
            }
        }
        throw new IllegalArgumentException(what + ": unterminated JSON object");
    }

    private static final int OTHER = 0, NUMBER = 1, FRACTION = 2, QUOTE = 3, OPEN = 4, CLOSE = 5, HIGH = 6;
    /** What each byte is to {@link #checkJson}, outside strings. */
    private static final byte[] KIND = new byte[256];

    static {
        for (char c : "0123456789-+".toCharArray()) {
            KIND[c] = NUMBER;
        }
        for (char c : ".eE".toCharArray()) {
            KIND[c] = FRACTION;
        }
        KIND['"'] = QUOTE;
        KIND['{'] = OPEN;
        KIND['['] = OPEN;
        KIND['}'] = CLOSE;
        KIND[']'] = CLOSE;
        for (int c = 0x80; c < 0x100; c++) {
            KIND[c] = HIGH;
        }
    }

    private static void checkSignNumber(String literal, boolean fraction, String what) {
        try {
            if (fraction ? Double.isInfinite(Double.parseDouble(literal)) : new BigInteger(literal).bitLength() > 63) {
                throw new IllegalArgumentException(what + ": number " + literal
                        + (fraction ? " is beyond a double" : " does not fit in 64 bits"));
            }
        } catch (NumberFormatException e) {
            // not a number literal: the parser names it
        }
    }

    private static int skipSpace(byte[] b, int i) {
        while (i < b.length && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r')) {
            i++;
        }
        return i;
    }
}
