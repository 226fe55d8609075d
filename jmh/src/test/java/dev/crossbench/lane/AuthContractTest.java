package dev.crossbench.lane;

import static dev.crossbench.lane.AuthAgreement.agree;
import static dev.crossbench.lane.AuthAgreement.hs256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossbench.check.CrossLaneChecks;
import dev.crossbench.lane.AuthAgreement.Outcome;
import dev.crossbench.lane.registry.Lanes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of OPS.md's "Hashes and tokens every lane treats the same", each
 * in every lane (behind the Java-side checks and without them): every lane
 * accepts with the same result, or every lane rejects with a LaneException
 * naming lane, op and cause. The cases include each one issue 9 saw split the lanes.
 */
class AuthContractTest {
    private static final byte[] PASSWORD = CrossLaneChecks.PASSWORD;
    private static final byte[] KEY = AuthAgreement.KEY;
    private static final String STD = AuthAgreement.STANDARD_HEADER;

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A hash of PASSWORD at cost 4 from each lane. */
    private static List<String> hashes() {
        return Lanes.all().stream().map(lane -> lane.bcryptHash(PASSWORD, 4)).toList();
    }

    private static String bump(String s, int i) {
        return s.substring(0, i) + (char) (s.charAt(i) + 1) + s.substring(i + 1);
    }

    static Map<String, String> malformedHashes(String good) {
        String rest = good.substring(4), tail = good.substring(7);
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("trailing character (61)", good + "x");
        cases.put("trailing characters (81)", good + "x".repeat(21));
        cases.put("truncated to 59", good.substring(0, 59));
        cases.put("truncated to 40", good.substring(0, 40));
        cases.put("$2c$", "$2c$" + rest);
        cases.put("$2z$", "$2z$" + rest);
        cases.put("$2$", "$2$" + rest);
        cases.put("$2x$ (crypt_blowfish's sign bug: rejected, not reproduced)", "$2x$" + rest);
        cases.put("$2A$", "$2A$" + rest);
        cases.put("one cost digit $2b$4$", "$2b$4$" + tail);
        cases.put("cost 03", "$2b$03$" + tail);
        cases.put("cost 21", "$2b$21$" + tail);
        cases.put("cost 31", "$2b$31$" + tail);
        cases.put("cost 99", "$2b$99$" + tail);
        cases.put("!! inside", good.substring(0, 10) + "!!" + good.substring(12));
        cases.put("= inside", good.substring(0, 30) + "=" + good.substring(31));
        cases.put("salt sets unused bits", bump(good, 28));
        cases.put("hash sets unused bits", bump(good, 59));
        cases.put("not a hash", "not a hash at all");
        cases.put("non-ASCII", good.substring(0, 59) + "\u00e9");
        return cases;
    }

    @Test
    void malformedBcryptHashesFailInEveryLane() {
        List<Lane> lanes = AuthAgreement.checkedAndUnchecked();
        for (String good : hashes()) {
            malformedHashes(good).forEach((what, hash) -> {
                Outcome o = agree(what + ": " + hash, lanes, Op.BCRYPT_VERIFY, lane -> lane.bcryptVerify(PASSWORD, hash));
                assertFalse(o.ok(), what + " is accepted: " + o);
            });
        }
    }

    @Test
    void wellFormedBcryptHashesVerifyAlike() {
        List<Lane> lanes = AuthAgreement.checkedAndUnchecked();
        byte[] wrong = utf8("correct horse battery stapler");
        for (String good : hashes()) {
            for (String version : List.of("$2a$", "$2b$", "$2y$")) {
                String hash = version + good.substring(4);
                assertEquals("accepts: true", agree(hash, lanes, Op.BCRYPT_VERIFY, l -> l.bcryptVerify(PASSWORD, hash)).verdict());
                assertEquals("accepts: false", agree(hash, lanes, Op.BCRYPT_VERIFY, l -> l.bcryptVerify(wrong, hash)).verdict());
            }
        }
    }

    @Test
    void passwordsOfAnyBytesHashAndVerifyAlike() {
        List<Lane> lanes = AuthAgreement.checkedAndUnchecked();
        for (byte[] password : List.of(utf8("p\u00e4ssw\u00f6rd \u2603 \ud83d\ude80"), latin1("\u00ff\u00fe\u0080"), latin1("a\u0000b"), utf8("x".repeat(72)))) {
            for (Lane maker : Lanes.all()) {
                String hash = maker.bcryptHash(password, 4);
                assertEquals("accepts: true", agree(maker.name() + " " + hash, lanes, Op.BCRYPT_VERIFY, l -> l.bcryptVerify(password, hash)).verdict());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dev.crossbench.lane.registry.LaneRegistry#names")
    void bcryptCostIsBoundedTo4Through20(String name) {
        for (Lane lane : List.of(Lanes.get(name), Lanes.unchecked(name))) {
            for (int cost : new int[] {3, 21, 31}) {
                LaneException e = org.junit.jupiter.api.Assertions.assertThrows(LaneException.class, () -> lane.bcryptHash(PASSWORD, cost));
                assertTrue(e.getMessage().contains("outside 4..20"), e.getMessage());
            }
        }
    }

    /** Tokens every lane rejects; each signed right, so only the rule under test can reject it. */
    static Map<String, String> rejectedTokens() {
        String good = hs256(STD, "{\"sub\":\"x\"}");
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("signature padded with =", good + "=");
        cases.put("payload padded with =", hs256(STD, "{\"sub\":\"xy\"}").replaceFirst("\\.([^.]*)\\.", ".$1=."));
        cases.put("a newline inside", good.substring(0, 10) + "\n" + good.substring(10));
        cases.put("!! after the signature", good + "!!");
        cases.put("signature sets unused bits", bump(good, good.length() - 1));
        cases.put("four segments", good + ".x");
        cases.put("payload null", hs256(STD, "null"));
        cases.put("payload an array", hs256(STD, "[1]"));
        cases.put("payload {\"a\":1} x", hs256(STD, "{\"a\":1} x"));
        cases.put("payload {\"a\":1} {}", hs256(STD, "{\"a\":1} {}"));
        cases.put("payload with invalid UTF-8", hs256(latin1(STD), latin1("{\"a\":\"\u00ff\"}")));
        cases.put("payload with overlong UTF-8", hs256(latin1(STD), latin1("{\"a\":\"\u00c0\u00af\"}")));
        cases.put("payload with CESU-8", hs256(latin1(STD), latin1("{\"a\":\"\u00ed\u00a0\u0080\"}")));
        cases.put("payload after a BOM", hs256(latin1(STD), latin1("\u00ef\u00bb\u00bf{}")));
        cases.put("payload in UTF-16", hs256(utf8(STD), "{\"a\":1}".getBytes(StandardCharsets.UTF_16LE)));
        cases.put("payload with NaN", hs256(STD, "{\"a\":NaN}"));
        cases.put("payload with a lone surrogate escape", hs256(STD, "{\"a\":\"\\ud800\"}"));
        cases.put("payload nested 65 deep", hs256(STD, "{\"a\":".repeat(65) + "1" + "}".repeat(65)));
        cases.put("payload with a 101-character number", hs256(STD, "{\"a\":" + "1".repeat(101) + "}"));
        cases.put("header crit", hs256("{\"alg\":\"HS256\",\"crit\":[\"exp\"],\"exp\":1}", "{}"));
        cases.put("header crit empty", hs256("{\"alg\":\"HS256\",\"crit\":[]}", "{}"));
        cases.put("header b64", hs256("{\"alg\":\"HS256\",\"b64\":false}", "{}"));
        cases.put("header kid a number", hs256("{\"alg\":\"HS256\",\"kid\":1}", "{}"));
        cases.put("header with data after it", hs256("{\"alg\":\"HS256\"} x", "{}"));
        cases.put("header with NaN", hs256("{\"alg\":\"HS256\",\"x\":NaN}", "{}"));
        cases.put("header with 1e400 (golang-jwt reads header numbers as float64)", hs256("{\"alg\":\"HS256\",\"x\":1e400}", "{}"));
        cases.put("header with 1e400 a repeated name replaces", hs256("{\"alg\":\"HS256\",\"x\":1e400,\"x\":1}", "{}"));
        cases.put("header alg none", hs256("{\"alg\":\"none\"}", "{}"));
        cases.put("header alg HS512", hs256("{\"alg\":\"HS512\"}", "{}"));
        cases.put("iat in the future", hs256(STD, "{\"iat\":9999999999}"));
        cases.put("iat a string", hs256(STD, "{\"iat\":\"1\"}"));
        cases.put("exp a string", hs256(STD, "{\"exp\":\"4102444800\"}"));
        cases.put("exp null", hs256(STD, "{\"exp\":null}"));
        cases.put("exp 1e300", hs256(STD, "{\"exp\":1e300}"));
        cases.put("exp 1e17", hs256(STD, "{\"exp\":1e17}"));
        cases.put("exp after 9999", hs256(STD, "{\"exp\":253402300800}"));
        cases.put("exp in the past", hs256(STD, "{\"exp\":1000000000}"));
        cases.put("nbf true", hs256(STD, "{\"nbf\":true}"));
        cases.put("nbf 1e400", hs256(STD, "{\"nbf\":1e400}"));
        cases.put("nbf negative", hs256(STD, "{\"nbf\":-1}"));
        cases.put("nbf in the future", hs256(STD, "{\"nbf\":9999999999}"));
        cases.put("aud a string", hs256(STD, "{\"aud\":\"a\"}"));
        cases.put("aud an array", hs256(STD, "{\"aud\":[\"a\"]}"));
        cases.put("aud empty", hs256(STD, "{\"aud\":\"\"}"));
        cases.put("aud null", hs256(STD, "{\"aud\":null}"));
        cases.put("sub a number", hs256(STD, "{\"sub\":1}"));
        cases.put("iss a number", hs256(STD, "{\"iss\":1}"));
        cases.put("jti null", hs256(STD, "{\"jti\":null}"));
        return cases;
    }

    @Test
    void tokensOneLaneRejectsEveryLaneRejects() {
        List<Lane> lanes = AuthAgreement.checkedAndUnchecked();
        rejectedTokens().forEach((what, token) -> {
            Outcome o = agree(what, lanes, Op.JWT_VERIFY, lane -> lane.jwtVerify(token, KEY));
            assertFalse(o.ok(), what + " is accepted: " + o);
        });
    }

    @Test
    void acceptedTokensGiveThePayloadExactlyAsSigned() {
        List<Lane> lanes = AuthAgreement.checkedAndUnchecked();
        List<String[]> cases = new ArrayList<>();
        for (String payload : List.of(
                "{\"sub\":\"x\"}",
                " {\"a\":1}\n",
                "{\"a\":1,\"a\":2}",
                "{\"exp\":1,\"exp\":4102444800}",
                "{\"n\":123456789012345678901234567890,\"f\":1e400,\"g\":-0,\"h\":1E2}",
                "{\"exp\":4102444800.5,\"nbf\":0,\"iat\":1700000000}",
                "{\"exp\":253402300799,\"iss\":\"i\",\"sub\":\"s\",\"jti\":\"j\",\"crit\":1}",
                "{\"s\":\"\\ud83d\\ude80 \u00e9 \u2603 \\u00e9 <&>\"}",
                "{\"a\":".repeat(64) + "1" + "}".repeat(64),
                "{\"a\":" + "1".repeat(100) + "}")) {
            cases.add(new String[] {STD, payload});
        }
        cases.add(new String[] {"{\"typ\":\"JWT\",\"alg\":\"HS256\",\"kid\":\"k\",\"x\":[1.5,123456789012345678901234567890]}", "{}"});
        cases.add(new String[] {"{\"alg\":\"none\",\"alg\":\"HS256\"}", "{}"});
        for (String[] c : cases) {
            String token = hs256(c[0], c[1]);
            Outcome o = agree(c[0] + " " + c[1], lanes, Op.JWT_VERIFY, lane -> lane.jwtVerify(token, KEY));
            assertEquals("accepts: " + c[1], o.verdict());
        }
    }

    @Test
    void claimsOneLaneCannotSignNoLaneSigns() {
        List<Lane> lanes = AuthAgreement.checkedAndUnchecked();
        for (byte[] claims : List.of(
                utf8("null"), utf8("[1]"), utf8("\"s\""), utf8("{\"n\":NaN}"), utf8("{\"n\":Infinity}"),
                utf8("{\"n\":1e400}"), utf8("{\"n\":-1e400}"), utf8("{\"n\":[1e400]}"),
                utf8("{\"n\":123456789012345678901234567890}"), utf8("{\"n\":9223372036854775808}"),
                utf8("{\"n\":-9223372036854775809}"), utf8("{\"s\":\"\\ud800\"}"), utf8("{\"s\":\"\\udc00\\ud800\"}"),
                latin1("{\"s\":\"\u00ff\"}"), latin1("{\"s\":\"\u00c0\u00af\"}"), latin1("\u00ef\u00bb\u00bf{}"),
                "{\"a\":1}".getBytes(StandardCharsets.UTF_16LE), utf8("{\"a\":1} x"), utf8("{\"a\":1} {}"), utf8("{\"a\":"), utf8("{\"iss\":1}"), utf8("{\"iss\":null}"),
                utf8("{\"a\":1e400,\"a\":1}"), utf8("{\"b\":123456789012345678901234567890,\"b\":2}"),
                utf8("{\"a\":".repeat(65) + "1" + "}".repeat(65)), utf8("{\"a\":" + "1".repeat(101) + "}"),
                utf8("{\"a\":\"" + "x".repeat(70_000) + "\"}"))) {
            Outcome o = agree(AuthAgreement.printable(new String(claims, StandardCharsets.ISO_8859_1)), lanes, Op.JWT_SIGN, lane -> lane.jwtSign(claims, KEY));
            assertFalse(o.ok(), "signed: " + o);
        }
    }

    @Test
    void aTokenFromAnyLaneVerifiesInEveryLaneWithTheSameClaims() {
        List<Lane> lanes = AuthAgreement.checkedAndUnchecked();
        for (String claims : List.of(
                "{\"n\":9223372036854775807,\"m\":-9223372036854775808,\"f\":1e300,\"t\":1e-400}",
                "{\"s\":\"\\ud83d\\ude80 \u00e9 <&> \\\"\\\\\",\"z\":[],\"o\":{}}",
                "{\"a\":1,\"a\":2,\"exp\":4102444800}",
                " {\"a\":".repeat(64) + "1" + "}".repeat(64),
                "{\"x\":\"" + "\u00e9".repeat(1000) + "\"}")) {
            for (Lane signer : Lanes.all()) {
                String token = signer.jwtSign(utf8(claims), KEY);
                Outcome o = agree(signer.name() + "'s token of " + claims, lanes, Op.JWT_VERIFY, lane -> lane.jwtVerify(token, KEY));
                assertTrue(o.ok(), o.toString());
                assertTrue(AuthAgreement.sameJson(claims, o.value()), signer.name() + " signed " + claims + " as " + o.value());
            }
        }
    }
}
