package dev.crossbench.lane.jni;

import dev.crossbench.lane.SetupException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checks a native library against what the build recorded before anything
 * loads it. A damaged library (a copy cut short, a disk fault) can crash the
 * JVM inside dlopen, with SIGBUS and an hs_err file rather than a message; so
 * the build writes each library's size and SHA-256 beside it
 * ({@code scripts/record-library}: {@code <library>.built}), and a library
 * that does not match is a {@link SetupException} naming the fix.
 */
final class LibraryIntegrity {
    static final String RECORD_SUFFIX = ".built";
    private static final String FIX = "rebuild it with mvn package";

    private LibraryIntegrity() {}

    /** Returns {@code library} if it is as the build wrote it; else throws one line saying what is wrong. */
    static Path check(Path library, String what) {
        Path record = library.resolveSibling(library.getFileName() + RECORD_SUFFIX);
        Map<String, String> built;
        try {
            built = read(record);
        } catch (IOException e) {
            throw new SetupException(what + " " + library + " has no build record (" + record + "): " + FIX);
        }
        String size = built.get("size");
        String sha256 = built.get("sha256");
        if (size == null || sha256 == null) {
            throw new SetupException(what + "'s build record " + record + " is damaged: " + FIX);
        }
        try {
            long actual = Files.size(library);
            if (!String.valueOf(actual).equals(size)) {
                throw new SetupException(what + " " + library + " is damaged: " + actual
                        + " bytes, the build wrote " + size + ": " + FIX);
            }
            if (!sha256(library).equals(sha256)) {
                throw new SetupException(what + " " + library
                        + " is damaged: its SHA-256 differs from the one the build recorded: " + FIX);
            }
        } catch (IOException e) {
            throw new SetupException(what + " " + library + " cannot be read (" + e + "): " + FIX);
        }
        return library;
    }

    private static Map<String, String> read(Path record) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : Files.readAllLines(record)) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0) {
                values.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        return values;
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
