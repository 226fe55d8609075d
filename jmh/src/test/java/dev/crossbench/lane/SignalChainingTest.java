package dev.crossbench.lane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossbench.lane.registry.LaneRegistry;
import dev.crossbench.lane.registry.Lanes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * After every runtime is loaded (Go and CPython each install signal handlers),
 * the JVM must still turn a null dereference into a NullPointerException: JIT
 * code finds nulls by taking SIGSEGV. Signal handlers are the classic way a JVM
 * and a Go runtime break each other; libjsig keeps the JVM's in front.
 */
class SignalChainingTest {
    private static final int DEREFERENCES = 100_000;

    @Test
    void nullDereferencesStillBecomeNullPointerExceptionsAfterGoAndPythonLoad() {
        assertEquals(LaneRegistry.names(), Lanes.all().stream().map(Lane::name).toList(), "every registered lane loaded");
        for (Lane lane : Lanes.all()) {
            assertEquals(1, lane.jsonTree(JsonLibrary.USUAL, "[0]".getBytes(StandardCharsets.UTF_8)), lane.name());
        }
        int caught = 0;
        for (int i = 0; i < DEREFERENCES; i++) {
            try {
                caught += lengthOf(i % 2 == 0 ? null : "x");
            } catch (NullPointerException expected) {
                caught++;
            }
            if (i % 10_000 == 0) {
                Lanes.all().forEach(Lane::noop);
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
