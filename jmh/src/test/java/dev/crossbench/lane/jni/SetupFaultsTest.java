package dev.crossbench.lane.jni;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossbench.lane.SetupException;
import dev.crossbench.lane.registry.Jdk;
import dev.crossbench.lane.registry.Lanes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Setup faults are one line naming the fix: a damaged lane library is found
 * before it is loaded (no crash, no hs_err file), a venv missing a package
 * names mvn package (no traceback), and a lane that cannot start says why
 * in one line. (A JDK other than 17: JdkTest.)
 */
class SetupFaultsTest {
    private static final Path NATIVE = Lanes.home().resolve("target/native");
    private static final Path GO = NATIVE.resolve("libcrossbench_go.so");

    /** A copy of the Go lane library and its build record in dir. */
    private static Path copyOfGo(Path dir) throws IOException {
        Path copy = dir.resolve(GO.getFileName());
        Files.copy(GO, copy);
        Files.copy(GO.resolveSibling(GO.getFileName() + LibraryIntegrity.RECORD_SUFFIX),
                dir.resolve(GO.getFileName() + LibraryIntegrity.RECORD_SUFFIX));
        return copy;
    }

    @Test
    void anIntactLibraryPassesAndEveryDamageIsOneLineNamingTheFix(@TempDir Path dir) throws Exception {
        Path copy = copyOfGo(dir);
        assertEquals(copy, LibraryIntegrity.check(copy, "the Go lane library"));

        byte[] bytes = Files.readAllBytes(copy);
        bytes[bytes.length / 2] ^= 1;
        Files.write(copy, bytes);
        assertOneLine(assertThrows(SetupException.class, () -> LibraryIntegrity.check(copy, "the Go lane library")),
                "is damaged: its SHA-256 differs");

        Files.write(copy, Arrays.copyOf(bytes, bytes.length / 2));
        assertOneLine(assertThrows(SetupException.class, () -> LibraryIntegrity.check(copy, "the Go lane library")),
                "is damaged: " + bytes.length / 2 + " bytes, the build wrote " + bytes.length);

        Files.delete(dir.resolve(GO.getFileName() + LibraryIntegrity.RECORD_SUFFIX));
        assertOneLine(assertThrows(SetupException.class, () -> LibraryIntegrity.check(copy, "the Go lane library")),
                "has no build record");
    }

    private static void assertOneLine(SetupException e, String says) {
        assertTrue(e.getMessage().contains(says) && e.getMessage().endsWith("rebuild it with mvn package"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void aTruncatedGoLibraryIsOneLineNotACrash(@TempDir Path dir) throws Exception {
        Path copy = copyOfGo(dir);
        Files.write(copy, Arrays.copyOf(Files.readAllBytes(copy), (int) Files.size(copy) / 2));
        Run run = cli(dir, List.of("-Dcrossbench.lane.go.library=" + copy), "lanes");
        assertEquals(1, run.code, run.err);
        assertEquals(1, run.errLines().size(), run.err);
        assertTrue(run.errLines().get(0).startsWith("crossbench: the Go lane library " + copy + " is damaged: ")
                && run.err.strip().endsWith("rebuild it with mvn package"), run.err);
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith("hs_err")), "no JVM crash");
        }
    }

    @Test
    void aVenvMissingAPackageIsOneLineNamingMvnPackage(@TempDir Path dir) throws Exception {
        // A venv of the lane's own Python with none of the pinned packages.
        Path venv = dir.resolve("venv");
        Process make = new ProcessBuilder(Lanes.home().resolve("target/venv/bin/python").toString(),
                "-m", "venv", "--without-pip", venv.toString()).inheritIO().start();
        assertEquals(0, make.waitFor());
        Run run = cli(dir, List.of("-Dcrossbench.lane.python.venv=" + venv), "lanes");
        assertEquals(1, run.code, run.err);
        assertEquals(1, run.errLines().size(), run.err);
        assertTrue(run.errLines().get(0).matches("crossbench: the python lane's venv lacks the Python package '[a-z_]+': "
                + "run mvn package \\(it reinstalls the pinned requirements\\)"), run.err);
    }

    @Test
    void aForeignStartFailureIsOneLine() {
        String message = NativeRuntimes.startFailure("python",
                "crossbench-py: cannot load x: Traceback (most recent call last):\n  File \"a.py\", line 1\nValueError: bad\n");
        assertEquals("the python lane could not start: crossbench-py: cannot load x: Traceback (most recent call last):"
                + " ... ValueError: bad: rebuild it with mvn package", message);
    }

    record Run(int code, String out, String err) {
        /** stderr's lines, less the notice of a JDK other than 17 (when the tests themselves run on one). */
        List<String> errLines() {
            return Stream.of(err.split("\\R")).filter(l -> !l.isEmpty() && !l.startsWith("crossbench: note: ")).toList();
        }
    }

    /** The command line in a new JVM (this one's), started as scripts/crossbench starts it, in dir. */
    private static Run cli(Path dir, List<String> properties, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(Jdk.laneArgs());
        command.add("-Dcrossbench.home=" + Lanes.home());
        command.addAll(properties);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.crossbench.cli.Main"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile()).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the command should end");
        return new Run(process.exitValue(), Files.readString(dir.resolve("out.txt")), Files.readString(dir.resolve("err.txt")));
    }
}
