package dev.crossbench.lane.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A JDK other than 17 gets one notice and no native-access warnings; JDK 17 gets neither. */
class JdkTest {
    @Test
    void onlyAnotherJdkGetsANoticeAndOnlyJdksThatWarnGetTheNativeAccessFlag() {
        assertNull(Jdk.notice(17));
        assertTrue(Jdk.notice(25).contains("this is JDK 25") && Jdk.notice(25).contains("JDK 17"), Jdk.notice(25));
        assertEquals(List.of(), Jdk.laneArgs(17));
        assertEquals(List.of("--enable-native-access=ALL-UNNAMED"), Jdk.laneArgs(22));
        assertEquals(List.of("--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"), Jdk.laneArgs(25));
    }

    @Test
    void onAnotherJdkTheBenchmarkJarGivesOneNoticeAndNoNativeAccessWarnings(@TempDir Path dir) throws Exception {
        Path jdk = otherJdk();
        Assumptions.assumeTrue(jdk != null, "no JDK 22 or later installed under /usr/lib/jvm");
        // Started as a user would, without libjsig: it restarts itself, and runs one tiny benchmark.
        // Nothing here is a timing: another JMH run's lock need not stop it.
        List<String> command = List.of(jdk.resolve("bin/java").toString(), "-Djmh.ignoreLock=true", "-Dcrossbench.home=" + Lanes.home(),
                "-cp", System.getProperty("java.class.path"), "dev.crossbench.suite.BenchMain",
                "BareCall.jni", "-f", "0", "-wi", "0", "-i", "1", "-r", "100ms", "-t", "1");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.txt").toFile());
        builder.environment().remove("LD_PRELOAD");
        Process process = builder.start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the run should end");
        String out = Files.readString(dir.resolve("out.txt"));
        assertEquals(0, process.exitValue(), out);
        // The JVM's own warnings start a line (JMH's "# WARNING" lines are its usual output).
        assertFalse(java.util.regex.Pattern.compile("(?m)^WARNING:").matcher(out).find(), out);
        assertEquals(1, out.split("crossbench: note: this is JDK ", -1).length - 1, "one notice: " + out);
    }

    /** Another JDK installed beside this one (Temurin 25 here), or null. */
    static Path otherJdk() throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return null;
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(h -> Files.isRegularFile(h.resolve("release")) && Files.isRegularFile(h.resolve("lib/libjsig.so")))
                    .filter(h -> feature(h) >= 22)
                    .findFirst().orElse(null);
        }
    }

    private static int feature(Path jdk) {
        try {
            for (String line : Files.readAllLines(jdk.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=\"")) {
                    return Integer.parseInt(line.substring(14).split("[.\"]")[0]);
                }
            }
        } catch (IOException | NumberFormatException ignored) {
            // not a JDK we can tell
        }
        return 0;
    }
}
