package dev.crossbench.check;

import static dev.crossbench.check.LyingLane.lying;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.crossbench.check.CrossLaneChecks.Check;
import dev.crossbench.bench.Requests;
import dev.crossbench.lane.HttpAnswer;
import dev.crossbench.lane.JsonLibrary;
import dev.crossbench.lane.Lane;
import dev.crossbench.lane.registry.Lanes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every cross-lane check holds for the real lanes (a bcrypt hash or JWT from any
 * lane verifies in every other, tampering and wrong keys are caught everywhere,
 * every payload parses and binds to the same content), and each kind of check
 * fails when one lane lies, so a passing check means something.
 */
class CrossLaneChecksTest {

    @TestFactory
    Stream<DynamicTest> everyCheckHoldsForTheRealLanes() {
        return CrossLaneChecks.all(Lanes.all()).stream()
                .map(check -> dynamicTest(check.group() + ": " + check.name(), check::run));
    }

    @Test
    void everyGroupHasChecksAndEveryLaneTakesPart() {
        for (String group : List.of(CrossLaneChecks.CROSSING, CrossLaneChecks.JSON, CrossLaneChecks.BCRYPT, CrossLaneChecks.JWT,
                CrossLaneChecks.REQUEST)) {
            assertTrue(!CrossLaneChecks.group(Lanes.all(), group).isEmpty(), group);
        }
        List<String> names = CrossLaneChecks.all(Lanes.all()).stream().map(Check::name).toList();
        for (String lane : Lanes.NAMES) {
            assertTrue(names.stream().anyMatch(n -> n.contains("from " + lane)), "no check of tokens/hashes from " + lane);
        }
    }

    @Test
    void aLaneWithAnotherDigestFailsTheJsonChecks() {
        assertGroupFails(CrossLaneChecks.JSON, lying(Lanes.get("go"), "jsonTreeDigest", (args, real) -> "0".repeat(64)));
    }

    @Test
    void aLaneThatLosesAFieldWhenBindingFailsTheJsonChecks() {
        assertGroupFails(CrossLaneChecks.JSON, lying(Lanes.get("python"), "jsonBindDigest", (args, real) ->
                Lanes.get("java").jsonTreeDigest((JsonLibrary) args[0], lose((byte[]) args[1]))));
    }

    @Test
    void aLaneWhoseFastLibraryLosesAFieldFailsTheJsonChecks() {
        assertGroupFails(CrossLaneChecks.JSON, lying(Lanes.get("java"), "jsonBindDigest", (args, real) ->
                real.call(args[0], args[0] == JsonLibrary.FAST ? lose((byte[]) args[1]) : args[1])));
    }

    @Test
    void aLaneThatWritesOtherRecordsFailsTheJsonChecks() {
        assertGroupFails(CrossLaneChecks.JSON, lying(Lanes.get("go"), "jsonWriteDigest", (args, real) -> real.call(args[0], lose((byte[]) args[1]))));
    }

    @Test
    void aLaneThatAcceptsAnyPasswordFailsTheBcryptChecks() {
        assertGroupFails(CrossLaneChecks.BCRYPT, lying(Lanes.get("go"), "bcryptVerify", (args, real) -> true));
    }

    @Test
    void aLaneThatHashesAtAnotherCostFailsTheBcryptChecks() {
        assertGroupFails(CrossLaneChecks.BCRYPT, lying(Lanes.get("python"), "bcryptHash", (args, real) -> real.call(args[0], (int) args[1] + 1)));
    }

    @Test
    void aLaneThatSkipsSignatureChecksFailsTheJwtChecks() {
        assertGroupFails(CrossLaneChecks.JWT, lying(Lanes.get("java"), "jwtVerify", (args, real) ->
                new String(java.util.Base64.getUrlDecoder().decode(((String) args[0]).split("\\.")[1]))));
    }

    @Test
    void aLaneWhoseEchoDropsAByteFailsTheCrossingCheck() {
        assertGroupFails(CrossLaneChecks.CROSSING, lying(Lanes.get("go"), "echo", (args, real) -> {
            byte[] copy = (byte[]) real.call(args);
            return copy.length == 0 ? copy : java.util.Arrays.copyOf(copy, copy.length - 1);
        }));
    }

    @Test
    void tamperingChangesTheClaimsButKeepsTheSignature() {
        String token = Lanes.get("java").jwtSign(CrossLaneChecks.JWT_CLAIMS, CrossLaneChecks.JWT_KEY);
        String tampered = CrossLaneChecks.tamper(token);
        String[] before = token.split("\\."), after = tampered.split("\\.");
        assertTrue(before[0].equals(after[0]) && before[2].equals(after[2]) && !before[1].equals(after[1]));
    }

    @Test
    void aStackThatLetsAnUnknownUserInFailsTheRequestChecks() {
        assertRequestChecksFail("login", lying(Lanes.get("go"), "httpCheck", (args, real) -> {
            HttpAnswer answer = (HttpAnswer) real.call(args);
            return answer.status() == 401 ? new HttpAnswer(200, answer.contentType(), answer.body()) : answer;
        }));
    }

    @Test
    void aStackThatWritesOtherItemsFailsTheRequestChecks() {
        assertRequestChecksFail("items", lying(Lanes.get("python"), "httpCheck", (args, real) -> {
            HttpAnswer answer = (HttpAnswer) real.call(args);
            return answer.status() == 200 ? new HttpAnswer(200, answer.contentType(), lose(answer.body())) : answer;
        }));
    }

    @Test
    void aStackWhoseTokensLastADayFailsTheRequestChecks() {
        Lane java = Lanes.get("java");
        assertRequestChecksFail("login", lying(java, "httpCheck", (args, real) -> {
            HttpAnswer answer = (HttpAnswer) real.call(args);
            if (answer.status() != 200) {
                return answer;
            }
            long now = System.currentTimeMillis() / 1000;
            String token = java.jwtSign(("{\"exp\":" + (now + 86400) + ",\"iat\":" + now + ",\"sub\":\"42\"}").getBytes(),
                    CrossLaneChecks.JWT_KEY);
            return new HttpAnswer(200, answer.contentType(), ("{\"token\":\"" + token + "\"}").getBytes());
        }));
    }

    @Test
    void everyEndpointOfTheRequestsBenchmarkHasItsChecks() throws Exception {
        List<String> endpoints = Requests.ENDPOINTS;
        List<String> subjects = CrossLaneChecks.group(Lanes.all(), CrossLaneChecks.REQUEST).stream().map(Check::subject).toList();
        for (String endpoint : endpoints) {
            assertTrue(subjects.contains(endpoint), "no request check for the benchmark's endpoint " + endpoint);
        }
    }

    /** The request checks of one endpoint fail when one lane lies about it. */
    private static void assertRequestChecksFail(String endpoint, Lane liar) {
        List<Lane> lanes = new ArrayList<>(Lanes.all());
        lanes.replaceAll(lane -> lane.name().equals(liar.name()) ? liar : lane);
        assertThrows(IllegalStateException.class, () -> CrossLaneChecks.require(lanes, CrossLaneChecks.REQUEST, endpoint));
    }

    private static void assertGroupFails(String group, Lane liar) {
        List<Lane> lanes = new ArrayList<>(Lanes.all());
        lanes.replaceAll(lane -> lane.name().equals(liar.name()) ? liar : lane);
        assertThrows(IllegalStateException.class, () -> CrossLaneChecks.require(lanes, group));
    }

    /** The document with every user's active flag flipped: what a lane that loses a field would digest. */
    private static byte[] lose(byte[] json) {
        return new String(json).replace("\"active\":true", "\"active\":false").getBytes();
    }
}
