package dev.crossbench.check;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.crossbench.check.CrossLaneChecks.Check;
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
        for (String group : List.of(CrossLaneChecks.CROSSING, CrossLaneChecks.JSON, CrossLaneChecks.BCRYPT, CrossLaneChecks.JWT)) {
            assertTrue(!CrossLaneChecks.group(Lanes.all(), group).isEmpty(), group);
        }
        List<String> names = CrossLaneChecks.all(Lanes.all()).stream().map(Check::name).toList();
        for (String lane : Lanes.NAMES) {
            assertTrue(names.stream().anyMatch(n -> n.contains("from " + lane)), "no check of tokens/hashes from " + lane);
        }
    }

    @Test
    void aLaneWithAnotherDigestFailsTheJsonChecks() {
        assertGroupFails(CrossLaneChecks.JSON, new LyingLane(Lanes.get("go")) {
            @Override
            public String jsonTreeDigest(JsonLibrary library, byte[] json) {
                return "0".repeat(64);
            }
        });
    }

    @Test
    void aLaneThatLosesAFieldWhenBindingFailsTheJsonChecks() {
        assertGroupFails(CrossLaneChecks.JSON, new LyingLane(Lanes.get("python")) {
            @Override
            public String jsonBindDigest(JsonLibrary library, byte[] json) {
                return Lanes.get("java").jsonTreeDigest(library, new String(json).replace("\"active\":true", "\"active\":false").getBytes());
            }
        });
    }

    @Test
    void aLaneWhoseFastLibraryLosesAFieldFailsTheJsonChecks() {
        assertGroupFails(CrossLaneChecks.JSON, new LyingLane(Lanes.get("java")) {
            @Override
            public String jsonBindDigest(JsonLibrary library, byte[] json) {
                byte[] lost = library == JsonLibrary.FAST ? new String(json).replace("\"active\":true", "\"active\":false").getBytes() : json;
                return super.jsonBindDigest(library, lost);
            }
        });
    }

    @Test
    void aLaneThatWritesOtherRecordsFailsTheJsonChecks() {
        assertGroupFails(CrossLaneChecks.JSON, new LyingLane(Lanes.get("go")) {
            @Override
            public String jsonWriteDigest(JsonLibrary library, byte[] json) {
                return super.jsonWriteDigest(library, new String(json).replace("\"active\":true", "\"active\":false").getBytes());
            }
        });
    }

    @Test
    void aLaneThatAcceptsAnyPasswordFailsTheBcryptChecks() {
        assertGroupFails(CrossLaneChecks.BCRYPT, new LyingLane(Lanes.get("go")) {
            @Override
            public boolean bcryptVerify(byte[] password, String hash) {
                return true;
            }
        });
    }

    @Test
    void aLaneThatHashesAtAnotherCostFailsTheBcryptChecks() {
        assertGroupFails(CrossLaneChecks.BCRYPT, new LyingLane(Lanes.get("python")) {
            @Override
            public String bcryptHash(byte[] password, int cost) {
                return super.bcryptHash(password, cost + 1);
            }
        });
    }

    @Test
    void aLaneThatSkipsSignatureChecksFailsTheJwtChecks() {
        assertGroupFails(CrossLaneChecks.JWT, new LyingLane(Lanes.get("java")) {
            @Override
            public String jwtVerify(String token, byte[] key) {
                return new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]));
            }
        });
    }

    @Test
    void aLaneWhoseEchoDropsAByteFailsTheCrossingCheck() {
        assertGroupFails(CrossLaneChecks.CROSSING, new LyingLane(Lanes.get("go")) {
            @Override
            public byte[] echo(byte[] payload) {
                byte[] copy = super.echo(payload);
                return payload.length == 0 ? copy : java.util.Arrays.copyOf(copy, copy.length - 1);
            }
        });
    }

    @Test
    void tamperingChangesTheClaimsButKeepsTheSignature() {
        String token = Lanes.get("java").jwtSign(CrossLaneChecks.JWT_CLAIMS, CrossLaneChecks.JWT_KEY);
        String tampered = CrossLaneChecks.tamper(token);
        String[] before = token.split("\\."), after = tampered.split("\\.");
        assertTrue(before[0].equals(after[0]) && before[2].equals(after[2]) && !before[1].equals(after[1]));
    }

    private static void assertGroupFails(String group, Lane liar) {
        List<Lane> lanes = new ArrayList<>(Lanes.all());
        lanes.replaceAll(lane -> lane.name().equals(liar.name()) ? liar : lane);
        assertThrows(IllegalStateException.class, () -> CrossLaneChecks.require(lanes, group));
    }
}
