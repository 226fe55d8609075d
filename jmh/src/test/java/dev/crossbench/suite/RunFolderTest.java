package dev.crossbench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run's folder is its own: never one that exists, renamed at the end, its files always whole. */
class RunFolderTest {
    private static final String STAMP = "2026-11-24-061500";

    @Test
    void twoRunsStartedInTheSameSecondGetTwoFolders(@TempDir Path root) throws Exception {
        RunFolder first = new RunFolder(root, STAMP);
        RunFolder second = new RunFolder(root, STAMP);
        assertEquals(root.resolve(STAMP + "-incomplete"), first.dir());
        assertEquals(root.resolve(STAMP + "-2-incomplete"), second.dir());
        assertEquals(root.resolve(STAMP), first.finish());
        assertEquals(root.resolve(STAMP + "-2"), second.finish());
    }

    @Test
    void aFinishedOrInterruptedRunsNameIsNeverReused(@TempDir Path root) throws Exception {
        new RunFolder(root, STAMP).finish();
        RunFolder second = new RunFolder(root, STAMP);
        assertEquals(root.resolve(STAMP + "-2-incomplete"), second.dir(), "the finished run's name is taken");
        assertEquals(root.resolve(STAMP + "-2-interrupted"), second.interrupted());
        RunFolder third = new RunFolder(root, STAMP);
        assertEquals(root.resolve(STAMP + "-3"), third.finish(), "an interrupted run's name is taken too");
        assertEquals(Set.of(STAMP, STAMP + "-2-interrupted", STAMP + "-3"), names(root));
    }

    @Test
    void runsStartingAtOnceEachGetTheirOwnFolder(@TempDir Path root) throws Exception {
        int runs = 8;
        ExecutorService pool = Executors.newFixedThreadPool(runs);
        try {
            List<Future<Path>> dirs = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                // Half finish at once, as a run that ends in the same second as another starts.
                boolean finish = i % 2 == 0;
                dirs.add(pool.submit(() -> {
                    RunFolder folder = new RunFolder(root, STAMP);
                    return finish ? folder.finish() : folder.dir();
                }));
            }
            Set<Path> distinct = new TreeSet<>();
            for (Future<Path> dir : dirs) {
                distinct.add(dir.get());
            }
            assertEquals(runs, distinct.size(), distinct.toString());
            assertEquals(runs, names(root).size(), names(root).toString());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void filesAreWrittenWholeWithNoPartialLeftBehind(@TempDir Path root) throws Exception {
        RunFolder folder = new RunFolder(root, STAMP);
        folder.writeEnv(Map.of("cores", 2));
        folder.writeEnv(Map.of("cores", 4));
        folder.writeResults(List.of());
        assertEquals("{\n  \"cores\" : 4\n}", Files.readString(folder.dir().resolve("env.json")).strip());
        assertEquals("[\n]", Files.readString(folder.dir().resolve("jmh-result.json")).strip().replace("\r", ""));
        Path dir = folder.finish();
        assertEquals(Set.of("env.json", "jmh-result.json", "jmh-result.csv"), names(dir));
        assertFalse(Files.exists(root.resolve(STAMP + "-incomplete")));
        assertTrue(Files.isDirectory(root.resolve(STAMP)));
    }

    private static Set<String> names(Path dir) throws Exception {
        try (Stream<Path> entries = Files.list(dir)) {
            return new TreeSet<>(entries.map(p -> p.getFileName().toString()).toList());
        }
    }
}
