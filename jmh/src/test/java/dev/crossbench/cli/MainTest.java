package dev.crossbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossbench.check.CrossLaneChecks;
import dev.crossbench.lane.registry.LaneRegistry;
import dev.crossbench.lane.registry.Lanes;
import dev.crossbench.payload.Payload;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's contract: outputs, one-line errors, and exit codes 0, 1 (op failed) and 2 (usage). */
class MainTest {
    private static final String KEY_HEX = HexFormat.of().formatHex(CrossLaneChecks.JWT_KEY);

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void lanesPrintsOneLinePerLaneWithVersions() {
        Run run = run("lanes");
        assertEquals(0, run.code(), run.err());
        List<String> lines = List.of(run.out().strip().split("\n"));
        assertEquals(LaneRegistry.names(), lines.stream().map(line -> line.split(" ")[0]).toList(), run.out());
        assertTrue(lineOf(lines, "java").contains("jackson-databind"), run.out());
        assertTrue(lineOf(lines, "go").contains("golang.org/x/crypto") && lineOf(lines, "go").contains("gomaxprocs="), run.out());
        assertTrue(lineOf(lines, "python").contains("pydantic") && lineOf(lines, "python").contains("bcrypt"), run.out());
    }

    private static String lineOf(List<String> lines, String lane) {
        return lines.stream().filter(line -> line.startsWith(lane + " ")).findFirst().orElseThrow();
    }

    @Test
    void selfcheckPassesEveryCheck() {
        Run run = run("selfcheck");
        assertEquals(0, run.code(), run.out());
        assertTrue(run.out().contains("checks passed") && !run.out().contains("FAIL"), run.out());
    }

    /**
     * JSONTestSuite's n_string_backslash_00.json (a backslash before a NUL) and
     * a string holding bytes that are not UTF-8: every lane and library refuses
     * both, and its error line holds no control character and no byte that is
     * not UTF-8, whatever the runtime's message echoed.
     */
    @Test
    void errorLinesEscapeControlCharactersAndInvalidBytes(@TempDir Path dir) throws Exception {
        Path nul = dir.resolve("n_string_backslash_00.json");
        Files.write(nul, new byte[] {'[', '"', '\\', 0, '"', ']'});
        Path latin1 = dir.resolve("latin1.json");
        Files.write(latin1, new byte[] {'[', '"', (byte) 0xe9, (byte) 0xff, 0x1b, '"', ']'});
        for (String lane : Lanes.NAMES) {
            for (String library : List.of("usual", "fast")) {
                Run run = run("json-parse", "--lane", lane, "--library", library, nul.toString(), latin1.toString());
                assertEquals(1, run.code(), lane + " " + library + " accepts a bad file: " + run.out());
                List<String> lines = List.of(run.err().split("\n"));
                assertEquals(2, lines.size(), run.err());
                for (String line : lines) {
                    assertTrue(line.startsWith("crossbench: " + dir), line);
                    assertTrue(line.chars().noneMatch(c -> c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || c == 0xfffd),
                            lane + " " + library + ": " + line.replaceAll("\\p{Cntrl}", "<CTRL>"));
                }
            }
        }
    }

    @Test
    void jsonParsePrintsTheSameDigestsInEveryLaneAndAnErrorLinePerBadFile(@TempDir Path dir) throws Exception {
        List<String> files = new ArrayList<>();
        for (Payload payload : Payload.values()) {
            Path file = dir.resolve(payload.id() + ".json");
            Files.write(file, payload.bytes());
            files.add(file.toString());
        }
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"a\":");
        files.add(broken.toString());

        String expected = null;
        for (String lane : Lanes.NAMES) {
            for (String library : List.of("usual", "fast")) {
                List<String> args = new ArrayList<>(List.of("json-parse", "--lane", lane, "--library", library));
                args.addAll(files);
                Run run = run(args.toArray(String[]::new));
                assertEquals(1, run.code(), "one file is broken");
                String[] lines = run.out().split("\n");
                assertEquals(3, lines.length, "stdout has the digests only: " + run.out());
                for (int i = 0; i < 3; i++) {
                    assertTrue(lines[i].matches("[0-9a-f]{64}  " + java.util.regex.Pattern.quote(files.get(i))), lines[i]);
                }
                // The error goes where every op's error goes: one line on stderr.
                assertEquals(1, run.err().strip().split("\n").length, run.err());
                assertTrue(run.err().startsWith("crossbench: " + broken + ": " + lane + " json_tree_digest: "), run.err());
                String digests = String.join("\n", List.of(lines).subList(0, 3));
                if (expected == null) {
                    expected = digests;
                }
                assertEquals(expected, digests, lane + " " + library + " digests differ from java's");
            }
        }
        assertEquals(2, run("json-parse", "--lane", "java", "--library", "fastest", files.get(0)).code(), "an unknown library role is wrong usage");
    }

    @Test
    void jsonParseGoesOnPastAnUnreadableFileWithOneStderrLine(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("good.json");
        Files.writeString(good, "{\"a\":1}");
        Path absent = dir.resolve("absent.json");
        Run run = run("json-parse", "--lane", "java", absent.toString(), good.toString());
        assertEquals(1, run.code());
        assertTrue(run.out().matches("[0-9a-f]{64}  " + java.util.regex.Pattern.quote(good.toString()) + "\\R"), run.out());
        assertEquals(1, run.err().strip().split("\n").length, run.err());
        assertTrue(run.err().startsWith("crossbench: " + absent + ": cannot read: "), run.err());
    }

    @Test
    void errorLineJoinsAForeignMessageOntoOneLine() {
        assertEquals("crossbench: python jwt_verify: Traceback | ValueError: x", Main.errorLine("python jwt_verify: Traceback\n  ValueError: x\n"));
    }

    @Test
    void bcryptHashThenVerifyAcrossLanes() {
        Run hash = run("bcrypt-hash", "--lane", "python", "--cost", "5", "s3cret");
        assertEquals(0, hash.code(), hash.err());
        assertTrue(hash.out().strip().startsWith("$2b$05$"), hash.out());
        assertEquals("true", run("bcrypt-verify", "--lane", "go", "s3cret", hash.out().strip()).out().strip());
        assertEquals("false", run("bcrypt-verify", "--lane", "java", "wrong", hash.out().strip()).out().strip());
    }

    @Test
    void jwtSignThenVerifyAcrossLanes() {
        String claims = new String(CrossLaneChecks.JWT_CLAIMS, StandardCharsets.US_ASCII);
        Run sign = run("jwt-sign", "--lane", "go", "--key-hex", KEY_HEX, claims);
        assertEquals(0, sign.code(), sign.err());
        Run verify = run("jwt-verify", "--lane", "python", "--key-hex", KEY_HEX, sign.out().strip());
        assertEquals(0, verify.code(), verify.err());
        assertTrue(verify.out().contains("\"sub\":\"user-42\""), verify.out());
    }

    @Test
    void aFailedOpExitsOneWithOneLineNamingLaneOpAndCause() {
        Run run = run("bcrypt-hash", "--lane", "go", "--cost", "3", "pw");
        assertEquals(1, run.code());
        assertEquals("", run.out());
        assertEquals(1, run.err().strip().split("\n").length, run.err());
        assertTrue(run.err().startsWith("crossbench: go bcrypt_hash: bcrypt cost 3 is outside 4..20"), run.err());

        Run badToken = run("jwt-verify", "--lane", "python", "--key-hex", KEY_HEX, "x.y.z");
        assertEquals(1, badToken.code());
        assertTrue(badToken.err().startsWith("crossbench: python jwt_verify: "), badToken.err());
        assertEquals(1, badToken.err().strip().split("\n").length, "one line, no traceback: " + badToken.err());
    }

    @Test
    void wrongUsageExitsTwoWithUsage() {
        for (String[] args : List.of(
                new String[] {},
                new String[] {"no-such-command"},
                new String[] {"bcrypt-hash", "--lane", "ruby", "pw"},
                new String[] {"bcrypt-hash", "pw"},
                new String[] {"jwt-sign", "--lane", "go", "--key-hex", "zz", "{}"})) {
            Run run = run(args);
            assertEquals(2, run.code(), String.join(" ", args) + " -> " + run.err());
            assertTrue(run.err().contains("Usage:"), run.err());
        }
    }
}
