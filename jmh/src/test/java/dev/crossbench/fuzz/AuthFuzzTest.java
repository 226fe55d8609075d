package dev.crossbench.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossbench.check.CrossLaneChecks;
import dev.crossbench.lane.AuthAgreement.Outcome;
import dev.crossbench.lane.AuthAgreement;
import dev.crossbench.lane.Lane;
import dev.crossbench.lane.Op;
import dev.crossbench.lane.registry.Lanes;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated bcrypt hashes, tokens and claims, each run in every lane
 * (behind the Java-side checks and without them): the lanes must agree, all
 * accepting with the same result or all rejecting (OPS.md, "Hashes and tokens
 * every lane treats the same"). Mutations start from hashes and tokens each
 * lane made. Tokens mutated inside their JSON are signed again, so the claim
 * rules are reached, not just the signature check. bcrypt stays at cost 4.
 * Bounded by {@link FuzzCampaign}; replay a failure with the seed it prints.
 */
class AuthFuzzTest {
    private static final byte[] PASSWORD = CrossLaneChecks.PASSWORD;
    private static final byte[] KEY = AuthAgreement.KEY;
    private static final String BCRYPT_ALPHABET = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    /** A well-formed bcrypt prefix: its cost is what every lane would compute. */
    private static final Pattern COST = Pattern.compile("^\\$2[aby]\\$([0-9]{2})\\$");

    /** JSON values where runtimes are known to differ, and some plain ones. */
    private static final List<String> VALUES = List.of(
            "null", "true", "false", "0", "-0", "1", "-1", "0.5", "1E2", "1e-400", "1e300", "1e400", "-1e400", "NaN", "Infinity",
            "9223372036854775807", "9223372036854775808", "-9223372036854775809", "123456789012345678901234567890",
            "1700000000", "4102444800", "4102444800.5", "9999999999", "253402300799", "253402300800", "1e17",
            "\"\"", "\"x\"", "\"4102444800\"", "\"HS256\"", "\"none\"", "\"HS512\"", "\"\\ud800\"", "\"\\udc00\"",
            "\"\\ud83d\\ude80\"", "\"\\u00e9 <&>\"", "\"\u00e9\u2603\"", "[]", "{}", "[\"a\"]", "[1,[2,{\"b\":null}]]", "{\"a\":1}");
    private static final List<String> NAMES = List.of(
            "exp", "nbf", "iat", "aud", "iss", "sub", "jti", "crit", "b64", "kid", "alg", "typ", "x", "admin", "roles", "\u00e9");
    /** Bytes that break UTF-8 or JSON when dropped anywhere. */
    private static final List<byte[]> JUNK = List.of(
            new byte[] {(byte) 0xff}, new byte[] {(byte) 0xc0, (byte) 0xaf}, new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
            new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, new byte[] {0}, " ".getBytes(), "\n".getBytes(), "x".getBytes(),
            "}".getBytes(), "{".getBytes(), ",".getBytes(), "\"".getBytes(), "\\".getBytes(), "{}".getBytes());

    private static final List<String> HASHES = new ArrayList<>();
    private static final List<String> TOKENS = new ArrayList<>();
    private static List<Lane> lanes;

    @BeforeAll
    static void pools() {
        lanes = AuthAgreement.checkedAndUnchecked();
        for (Lane lane : Lanes.all()) {
            HASHES.add(lane.bcryptHash(PASSWORD, 4));
            HASHES.add(lane.bcryptHash("p\u00e4ss".getBytes(StandardCharsets.UTF_8), 4));
            TOKENS.add(lane.jwtSign(CrossLaneChecks.JWT_CLAIMS, KEY));
            TOKENS.add(lane.jwtSign("{\"sub\":\"s\",\"exp\":4102444800,\"n\":[1.5,-2,{}],\"s\":\"\\u00e9<&>\"}".getBytes(StandardCharsets.UTF_8), KEY));
        }
    }

    @Test
    void bcryptVerifyAgreesOnMutatedHashes() {
        long trials = FuzzCampaign.run("bcrypt", random -> {
            String hash = mutateHash(random, HASHES.get(random.nextInt(HASHES.size())));
            byte[] password = switch (random.nextInt(3)) {
                case 0 -> PASSWORD;
                case 1 -> "p\u00e4ss".getBytes(StandardCharsets.UTF_8);
                default -> randomBytes(random, 1 + random.nextInt(72));
            };
            AuthAgreement.agree(AuthAgreement.printable(hash), lanes, Op.BCRYPT_VERIFY, lane -> lane.bcryptVerify(password, hash));
        });
        assertTrue(trials > 0);
    }

    @Test
    void jwtVerifyAgreesOnMutatedTokens() {
        long trials = FuzzCampaign.run("jwt-verify", random -> {
            String token = TOKENS.get(random.nextInt(TOKENS.size()));
            if (random.nextBoolean()) {
                token = mutateText(random, token, B64URL + "=.!+/ \n\u00e9");
                String t = token;
                AuthAgreement.agree(AuthAgreement.printable(t), lanes, Op.JWT_VERIFY, lane -> lane.jwtVerify(t, KEY));
                return;
            }
            String[] parts = token.split("\\.");
            byte[] header = Base64.getUrlDecoder().decode(parts[0]);
            byte[] payload = Base64.getUrlDecoder().decode(parts[1]);
            if (random.nextInt(4) == 0) {
                header = mutateJson(random, header);
            } else {
                payload = mutateJson(random, payload);
            }
            String resigned = AuthAgreement.hs256(header, payload);
            Outcome o = AuthAgreement.agree(AuthAgreement.printable(new String(header, StandardCharsets.ISO_8859_1)) + " "
                    + AuthAgreement.printable(new String(payload, StandardCharsets.ISO_8859_1)),
                    lanes, Op.JWT_VERIFY, lane -> lane.jwtVerify(resigned, KEY));
            if (o.ok()) {
                assertEquals(new String(payload, StandardCharsets.UTF_8), o.value(), "an accepted token gives its payload as signed");
            }
        });
        assertTrue(trials > 0);
    }

    @Test
    void jwtSignAgreesAndEveryTokenVerifiesAlike() {
        long trials = FuzzCampaign.run("jwt-sign", random -> {
            byte[] claims = randomObject(random, 0).getBytes(StandardCharsets.UTF_8);
            if (random.nextInt(3) == 0) {
                claims = mutateJson(random, claims);
            }
            byte[] c = claims;
            String what = AuthAgreement.printable(new String(c, StandardCharsets.ISO_8859_1));
            List<Outcome> signed = AuthAgreement.outcomes(lanes, Op.JWT_SIGN, lane -> lane.jwtSign(c, KEY));
            if (signed.stream().map(Outcome::ok).distinct().count() > 1) {
                throw new AssertionError("lanes disagree on signing " + what + ":\n    " + String.join("\n    ", signed.stream().map(Outcome::toString).toList()));
            }
            if (!signed.get(0).ok()) {
                return;
            }
            String first = null;
            for (Outcome token : signed) {
                Outcome o = AuthAgreement.agree(token.lane() + "'s token of " + what, lanes, Op.JWT_VERIFY, lane -> lane.jwtVerify(token.value(), KEY));
                if (!o.ok()) {
                    continue; // a claim rule (an expired exp, say) every lane applies alike
                }
                if (first == null) {
                    first = o.value();
                } else if (!AuthAgreement.sameJson(first, o.value())) {
                    throw new AssertionError("tokens of " + what + " carry other claims: " + first + " and, from " + token.lane() + ", " + o.value());
                }
            }
        });
        assertTrue(trials > 0);
    }

    private static String mutateHash(Random random, String hash) {
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits; e++) {
            switch (random.nextInt(8)) {
                case 0, 1 -> hash = mutateText(random, hash, BCRYPT_ALPHABET + "$=!2abxyz\u00e9");
                case 2 -> hash = "$2" + "abcxyzA$".charAt(random.nextInt(8)) + hash.substring(Math.min(3, hash.length()));
                case 3 -> {
                    String[] costs = {"04", "4", "03", "21", "31", "99", "0a", "", "004"};
                    hash = hash.length() >= 7 ? hash.substring(0, 4) + costs[random.nextInt(costs.length)] + hash.substring(6) : hash;
                }
                case 4 -> hash = hash.substring(0, random.nextInt(hash.length() + 1));
                case 5 -> hash = hash + BCRYPT_ALPHABET.charAt(random.nextInt(64));
                default -> {
                    int i = random.nextBoolean() ? 28 : 59;
                    if (hash.length() > i) {
                        hash = hash.substring(0, i) + BCRYPT_ALPHABET.charAt(random.nextInt(64)) + hash.substring(i + 1);
                    }
                }
            }
        }
        // Keep every hash a lane would compute at cost 4: fuzzing must stay fast.
        Matcher m = COST.matcher(hash);
        return m.find() && !m.group(1).equals("04") ? hash.substring(0, 4) + "04" + hash.substring(6) : hash;
    }

    private static String mutateText(Random random, String s, String alphabet) {
        int edits = 1 + random.nextInt(3);
        StringBuilder b = new StringBuilder(s);
        for (int e = 0; e < edits; e++) {
            int i = random.nextInt(b.length() + 1);
            char c = alphabet.charAt(random.nextInt(alphabet.length()));
            switch (random.nextInt(3)) {
                case 0 -> b.insert(i, c);
                case 1 -> {
                    if (i < b.length()) {
                        b.deleteCharAt(i);
                    }
                }
                default -> {
                    if (i < b.length()) {
                        b.setCharAt(i, c);
                    }
                }
            }
        }
        return b.toString();
    }

    /** One edit of JSON bytes: a value replaced, a member added, junk or a value dropped in, nesting or a long number. */
    private static byte[] mutateJson(Random random, byte[] json) {
        String text = new String(json, StandardCharsets.UTF_8);
        switch (random.nextInt(6)) {
            case 0 -> {
                // replace the value of a random member
                List<int[]> spans = new ArrayList<>();
                Matcher m = Pattern.compile(":(\"(?:[^\"\\\\]|\\\\.)*\"|[-0-9.eE+]+|true|false|null|\\[[^\\[\\]]*\\])").matcher(text);
                while (m.find()) {
                    spans.add(new int[] {m.start(1), m.end(1)});
                }
                if (!spans.isEmpty()) {
                    int[] span = spans.get(random.nextInt(spans.size()));
                    return utf8(text.substring(0, span[0]) + value(random) + text.substring(span[1]));
                }
                return utf8(text);
            }
            case 1 -> {
                int end = text.lastIndexOf('}');
                if (end < 0) {
                    return utf8(text);
                }
                String member = "\"" + NAMES.get(random.nextInt(NAMES.size())) + "\":" + value(random);
                String before = text.substring(0, end).trim();
                return utf8(text.substring(0, end) + (before.endsWith("{") ? "" : ",") + member + text.substring(end));
            }
            case 2 -> {
                byte[] junk = JUNK.get(random.nextInt(JUNK.size()));
                int at = random.nextInt(json.length + 1);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(json, 0, at);
                out.writeBytes(junk);
                out.write(json, at, json.length - at);
                return out.toByteArray();
            }
            case 3 -> {
                int depth = 60 + random.nextInt(10);
                return utf8("{\"d\":" + "[".repeat(depth - 1) + "1" + "]".repeat(depth - 1) + "}");
            }
            case 4 -> {
                int digits = 95 + random.nextInt(10);
                return utf8("{\"n\":" + "7".repeat(digits) + "}");
            }
            default -> {
                String[] wraps = {" %s ", "%s x", "%s {}", "[%s]", "\t%s\r\n", "%s,"};
                return utf8(String.format(wraps[random.nextInt(wraps.length)], text));
            }
        }
    }

    private static String randomObject(Random random, int depth) {
        StringBuilder b = new StringBuilder("{");
        int members = random.nextInt(5);
        for (int i = 0; i < members; i++) {
            if (i > 0) {
                b.append(',');
            }
            String name = random.nextInt(3) == 0 ? randomString(random) : "\"" + NAMES.get(random.nextInt(NAMES.size())) + "\"";
            b.append(name).append(':');
            int kind = random.nextInt(depth < 3 ? 6 : 4);
            b.append(switch (kind) {
                case 0, 1 -> value(random);
                case 2, 3 -> randomString(random);
                case 4 -> randomObject(random, depth + 1);
                default -> "[" + value(random) + "," + randomObject(random, depth + 1) + "]";
            });
        }
        return b.append('}').toString();
    }

    private static String randomString(Random random) {
        String pieces = "aZ09 <>&'\u00e9\u2603\ud83d\ude80";
        StringBuilder b = new StringBuilder("\"");
        int n = random.nextInt(8);
        for (int i = 0; i < n; i++) {
            switch (random.nextInt(6)) {
                case 0 -> b.append("\\\"");
                case 1 -> b.append("\\u").append(String.format("%04x", random.nextInt(0x10000)));
                case 2 -> b.append("\\n");
                default -> b.appendCodePoint(pieces.codePointAt(pieces.offsetByCodePoints(0, random.nextInt(pieces.codePointCount(0, pieces.length())))));
            }
        }
        return b.append('"').toString();
    }

    private static String value(Random random) {
        return VALUES.get(random.nextInt(VALUES.size()));
    }

    private static byte[] randomBytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
