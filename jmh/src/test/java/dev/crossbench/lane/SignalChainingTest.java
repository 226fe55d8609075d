package dev.crossbench.lane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * After the Go runtime and CPython are loaded (each installs signal handlers),
 * the JVM must still turn a null dereference into a NullPointerException: JIT
 * code finds nulls by taking SIGSEGV. Signal handlers are the classic way a JVM
 * and a Go runtime break each other; libjsig keeps the JVM's in front.
 */
class SignalChainingTest {
    private static final int DEREFERENCES = 100_000;

    @Test
    void nullDereferencesStillBecomeNullPointerExceptionsAfterGoAndPythonLoad() {
        assertEquals(3, Lanes.all().size(), "all runtimes loaded");
        assertEquals(1, Lanes.get("go").jsonTree("[0]".getBytes(StandardCharsets.UTF_8)));
        assertEquals(1, Lanes.get("python").jsonTree("[0]".getBytes(StandardCharsets.UTF_8)));
        int caught = 0;
        for (int i = 0; i < DEREFERENCES; i++) {
            try {
                caught += lengthOf(i % 2 == 0 ? null : "x");
            } catch (NullPointerException expected) {
                caught++;
            }
            if (i % 10_000 == 0) {
                Lanes.get("go").noop();
                Lanes.get("python").noop();
            }
        }
        assertEquals(DEREFERENCES, caught);
    }

    @Test
    void theJvmRunsWithSignalChaining() throws Exception {
        assertTrue(Files.readString(Path.of("/proc/self/maps")).contains("/libjsig.so"));
    }

    private static int lengthOf(String s) {
        return s.length();
    }
}
