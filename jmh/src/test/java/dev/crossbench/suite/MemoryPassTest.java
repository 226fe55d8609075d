package dev.crossbench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossbench.lane.JsonLibrary;
import dev.crossbench.lane.registry.Lanes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The memory pass counts what each lane's runtime allocates: a payload 1,000
 * times larger allocates more in every lane and library, the crossing's own JVM
 * bytes are apart (and small) for native lanes, and memory.csv has a row per count.
 */
class MemoryPassTest {

    @Test
    void aLargerDocumentAllocatesMoreInEveryLaneAndLibrary(@TempDir Path dir) throws Exception {
        Options options = new OptionsBuilder()
                .include("^dev\\.crossbench\\.bench\\.JsonParse\\.tree$")
                .param("payload", "small", "large")
                .build();
        List<MemoryPass.Count> counts = new MemoryPass(true).run(List.of(options));
        int libraries = Lanes.all().stream().mapToInt(lane -> lane.info().roles().size()).sum();
        assertEquals(libraries * 2, counts.size(), "one count per lane, library and payload");

        Map<String, MemoryPass.Count> byKey = counts.stream()
                .collect(Collectors.toMap(c -> c.lane() + " " + c.params(), Function.identity()));
        for (String lane : Lanes.NAMES) {
            for (JsonLibrary library : Lanes.get(lane).info().roles()) {
                MemoryPass.Count small = byKey.get(lane + " library=" + library.id() + " payload=small");
                MemoryPass.Count large = byKey.get(lane + " library=" + library.id() + " payload=large");
                assertTrue(small.bytesPerOp() > 0, lane + " " + library + " small: " + small);
                assertTrue(large.bytesPerOp() > 100 * small.bytesPerOp(), lane + " " + library + ": " + small + " vs " + large);
                if (lane.equals("java")) {
                    assertEquals(large.bytesPerOp(), large.jvmBytesPerOp(), "the Java lane's runtime is the JVM thread");
                } else {
                    assertTrue(large.jvmBytesPerOp() < 1024, "the crossing's JVM bytes are apart: " + large);
                }
            }
        }

        MemoryPass.write(dir, counts);
        List<String> lines = Files.readAllLines(dir.resolve(MemoryPass.FILE));
        assertEquals("benchmark,params,lane,bytes_per_op,jvm_bytes_per_op,calls", lines.get(0));
        assertEquals(counts.size() + 1, lines.size());
        assertTrue(lines.get(1).startsWith("dev.crossbench.bench.JsonParse.tree,library="), lines.get(1));
    }
}
