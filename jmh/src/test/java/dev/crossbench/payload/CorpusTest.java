package dev.crossbench.payload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossbench.check.CrossLaneChecks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed corpus is what the generator writes, and JMH reads exactly the bytes SHA256SUMS lists. */
class CorpusTest {

    @Test
    void theGeneratorReproducesTheCommittedFilesByteForByte() throws Exception {
        Map<String, byte[]> generated = Corpus.generate();
        for (Map.Entry<String, byte[]> file : generated.entrySet()) {
            assertArrayEquals(file.getValue(), Files.readAllBytes(Corpus.dir().resolve(file.getKey())),
                    "corpus/" + file.getKey() + " differs from what the generator writes: regenerate it (see Corpus.java)");
        }
    }

    @Test
    void everyFileJmhLoadsMatchesSha256Sums() throws Exception {
        Map<String, String> sums = Corpus.sums(Files.readString(Corpus.dir().resolve(Corpus.SUMS)));
        // The request files (the Java lane's web stack reads them, as do the checks): expected.tsv and every request it lists.
        TreeSet<String> loaded = new TreeSet<>(java.util.List.of("small.json", "medium.json", "large.json", "jwt-claims.json", "jwt-key",
                "password", "password-bcrypt-10", "password-bcrypt-12", "requests/expected.tsv"));
        for (String line : new String(Corpus.read("requests/expected.tsv"), StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                loaded.add("requests/" + line.substring(0, line.indexOf('\t')));
            }
        }
        assertEquals(new TreeSet<>(sums.keySet()), loaded);
        for (String name : loaded) {
            assertEquals(sums.get(name), Corpus.sha256(Corpus.read(name)), name); // read checks it too
        }
        for (Payload payload : Payload.values()) {
            assertEquals(sums.get(payload.file()), Corpus.sha256(payload.bytes()), payload.file());
        }
        assertEquals(sums.get("jwt-claims.json"), Corpus.sha256(CrossLaneChecks.JWT_CLAIMS));
        assertEquals(sums.get("jwt-key"), Corpus.sha256(CrossLaneChecks.JWT_KEY));
        assertEquals(sums.get("password"), Corpus.sha256(CrossLaneChecks.PASSWORD));
        assertSame(Payload.SMALL.bytes(), Payload.SMALL.bytes(), "read once, then cached");
    }

    @Test
    void aChangedFileIsRefused(@TempDir Path dir) throws Exception {
        Path real = Corpus.dir();
        Files.copy(real.resolve(Corpus.SUMS), dir.resolve(Corpus.SUMS));
        Files.writeString(dir.resolve("jwt-key"), "another key", StandardCharsets.US_ASCII);
        String previous = System.setProperty(Corpus.DIR_PROPERTY, dir.toString());
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> readUncached("jwt-key"));
            assertTrue(e.getMessage().contains("jwt-key has sha256"), e.getMessage());
            e = assertThrows(IllegalStateException.class, () -> readUncached("password"));
            assertTrue(e.getMessage().contains("missing"), e.getMessage());
        } finally {
            if (previous == null) {
                System.clearProperty(Corpus.DIR_PROPERTY);
            } else {
                System.setProperty(Corpus.DIR_PROPERTY, previous);
            }
        }
    }

    @Test
    void sha256SumsLinesAreParsedAsSha256sumWritesThem() {
        String hex = "a".repeat(64);
        assertEquals(Map.of("x.json", hex, "y", hex), Corpus.sums(hex + "  x.json\n" + hex + " *y\n\n"));
        assertThrows(IllegalStateException.class, () -> Corpus.sums("not a line\n"));
    }

    private static byte[] readUncached(String name) {
        Corpus.forget();
        try {
            return Corpus.read(name);
        } finally {
            Corpus.forget();
        }
    }
}
