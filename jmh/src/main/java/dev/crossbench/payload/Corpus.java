package dev.crossbench.payload;

import dev.crossbench.lane.Home;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one set of inputs every harness reads: the committed files of
 * {@code corpus/} (JMH here, {@code go test -bench} and the pyperf harness
 * there), each listed with its sha256 in {@code corpus/SHA256SUMS}. Every read
 * is checked against that list, so a harness never measures other bytes than
 * the others. This class is also the generator of the files, reproducibly:
 * regenerate them with
 * {@code java -cp target/benchmarks.jar dev.crossbench.payload.Corpus corpus}
 * (a test proves the committed files are what it writes).
 */
public final class Corpus {
    /** Where the corpus is read from, if not {@code corpus/} of {@link Home#path()}. */
    public static final String DIR_PROPERTY = "crossbench.corpus";
    public static final String SUMS = "SHA256SUMS";

    /** A 32-byte HS256 key (RFC 7518 asks for at least the hash size). */
    private static final String JWT_KEY = "crossbench-hs256-key-of-32-bytes";
    /**
     * Claims that all three libraries encode to the same bytes: names in
     * alphabetical order, integer seconds, ASCII without {@code <>&}, no single {@code aud}.
     */
    private static final String JWT_CLAIMS = "{\"admin\":false,\"exp\":4102444800,\"iat\":1700000000,"
            + "\"name\":\"Ada Lovelace\",\"roles\":[\"admin\",\"user\"],\"sub\":\"user-42\"}";
    private static final String PASSWORD = "correct horse battery staple";

    private static final Map<String, byte[]> CACHE = new HashMap<>();

    private Corpus() {}

    /** The corpus folder. */
    public static Path dir() {
        String property = System.getProperty(DIR_PROPERTY);
        return property != null ? Path.of(property).toAbsolutePath() : Home.path().resolve("corpus");
    }

    /**
     * A file of the corpus (the same array each time: callers must not change
     * it), after checking it against {@code SHA256SUMS}; fails naming the file
     * and how to regenerate it otherwise.
     */
    public static synchronized byte[] read(String name) {
        byte[] cached = CACHE.get(name);
        if (cached != null) {
            return cached;
        }
        Path dir = dir();
        try {
            String want = sums(Files.readString(dir.resolve(SUMS), StandardCharsets.US_ASCII)).get(name);
            if (want == null) {
                throw new IllegalStateException(dir.resolve(SUMS) + " does not list " + name);
            }
            byte[] bytes = Files.readAllBytes(dir.resolve(name));
            String got = sha256(bytes);
            if (!got.equals(want)) {
                throw new IllegalStateException(dir.resolve(name) + " has sha256 " + got + ", but " + SUMS + " says " + want
                        + ": restore it (git checkout corpus) or regenerate the corpus (see Corpus.java)");
            }
            CACHE.put(name, bytes);
            return bytes;
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("the corpus file " + e.getFile() + " is missing: restore it (git checkout corpus)", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the corpus file " + dir.resolve(name), e);
        }
    }

    /** Empties the cache: for tests that read another corpus. */
    static synchronized void forget() {
        CACHE.clear();
    }

    /** name -> sha256 hex from a {@code sha256sum} listing ({@code <hex>  <name>} per line). */
    static Map<String, String> sums(String listing) {
        Map<String, String> sums = new LinkedHashMap<>();
        for (String line : listing.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (!line.matches("[0-9a-f]{64} [ *].+")) {
                throw new IllegalStateException("not a sha256sum line in " + SUMS + ": " + line);
            }
            sums.put(line.substring(66), line.substring(0, 64));
        }
        return sums;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Every file of the corpus, generated: the JSON payloads (from their seed,
     * see {@link Payload}), the JWT claims and key, the bcrypt password and its
     * hashes at cost 10 and 12 (none with a trailing newline: the bytes are the
     * input), the requests of the endpoints ({@link Requests}), and SHA256SUMS.
     */
    static Map<String, byte[]> generate() {
        Map<String, byte[]> files = new TreeMap<>();
        for (Payload payload : Payload.values()) {
            files.put(payload.file(), Payload.generate(payload.targetBytes()));
        }
        files.put("jwt-claims.json", JWT_CLAIMS.getBytes(StandardCharsets.US_ASCII));
        files.put("jwt-key", JWT_KEY.getBytes(StandardCharsets.US_ASCII));
        files.put("password", PASSWORD.getBytes(StandardCharsets.US_ASCII));
        for (int cost : new int[] {10, 12}) {
            files.put("password-bcrypt-" + cost, Requests.passwordHash(PASSWORD, cost));
        }
        Map<String, Requests.Request> requests = Requests.generate(PASSWORD, JWT_KEY);
        requests.values().forEach(r -> files.put("requests/" + r.name(), r.bytes()));
        files.put("requests/expected.tsv", Requests.expected(requests));
        StringBuilder sums = new StringBuilder();
        files.forEach((name, bytes) -> sums.append(sha256(bytes)).append("  ").append(name).append('\n'));
        files.put(SUMS, sums.toString().getBytes(StandardCharsets.US_ASCII));
        return files;
    }

    /** Writes the corpus into DIR: {@code java -cp target/benchmarks.jar dev.crossbench.payload.Corpus corpus}. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: java -cp target/benchmarks.jar dev.crossbench.payload.Corpus DIR");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        for (Map.Entry<String, byte[]> file : generate().entrySet()) {
            Files.createDirectories(dir.resolve(file.getKey()).getParent());
            Files.write(dir.resolve(file.getKey()), file.getValue());
            System.out.printf("%8d  %s%n", file.getValue().length, dir.resolve(file.getKey()));
        }
    }
}
