package dev.crossbench.payload;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.crossbench.lane.HttpTier;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The request corpus of the endpoints every lane serves (lane-abi/OPS.md,
 * "Requests"): raw HTTP/1.1 requests under {@code corpus/requests/}, what
 * every lane must answer to each ({@code requests/expected.tsv}), and the
 * password's bcrypt hashes the users' store holds ({@code password-bcrypt-10},
 * {@code -12}). Generated with the rest of the {@link Corpus}, byte for byte.
 *
 * <p>The store is a rule, the same in every lane: users 1 to {@value #USERS},
 * user N with id N and email {@code userN@example.com}, every one with the
 * corpus password. They share its hash (one per cost): a lookup finds the
 * user, and what bcrypt costs does not depend on which user it is.
 */
public final class Requests {
    /** How many users the store holds. */
    public static final int USERS = 1000;
    /** The user the timed login logs in as, and the items token's subject. */
    static final int USER = 42;
    /** The largest request body an endpoint takes; one byte more is 413. */
    public static final int MAX_BODY = 1 << 20;
    static final String OTHER_KEY = "another-hs256-key-of-32-bytes!!!";

    private Requests() {}

    /**
     * One request of the corpus and what every lane answers to it:
     * {@code tiers} and {@code expected} as {@link #generate} says.
     */
    public record Request(String name, String tiers, String expected, byte[] bytes) {
        /** Whether the request concerns this tier: every tier sees the endpoint's own answers, the server HTTP's. */
        public boolean concerns(HttpTier tier) {
            return switch (tiers) {
                case "all" -> true;
                case "routed" -> tier != HttpTier.HANDLER;
                case "server" -> tier == HttpTier.SERVER || tier == HttpTier.SERVER_CALLER;
                default -> throw new IllegalStateException("requests/expected.tsv: no tiers '" + tiers + "'");
            };
        }

        /** Whether a lane's answer is what every lane must give: the status, or any 4xx, or none (a closed connection). */
        public boolean accepts(int status) {
            return expected.equals("4xx-or-close") ? status == 0 || status / 100 == 4 : expected.equals(Integer.toString(status));
        }
    }

    /** The request corpus as requests/expected.tsv lists it, each request's bytes read from the corpus. */
    public static List<Request> read() {
        List<Request> requests = new ArrayList<>();
        for (String line : new String(Corpus.read("requests/expected.tsv"), StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t");
            if (fields.length != 3) {
                throw new IllegalStateException("requests/expected.tsv: not three fields: " + line);
            }
            requests.add(new Request(fields[0], fields[1], fields[2], Corpus.read("requests/" + fields[0])));
        }
        return requests;
    }

    /**
     * The requests, by file name. {@code tiers}: {@code all} (the endpoint's
     * answer, the same through the handler, the framework and the server),
     * {@code routed} (the framework's router answers: the framework and the
     * server) or {@code server} (HTTP itself is wrong: only a server sees it).
     * {@code expected}: the status, or {@code 4xx-or-close} where a lane may
     * answer any 4xx or close the connection (OPS.md says which each does).
     */
    static Map<String, Request> generate(String password, String key) {
        Map<String, Request> requests = new LinkedHashMap<>();
        String login = "{\"email\":\"user" + USER + "@example.com\",\"password\":\"" + password + "\"}";
        String token = token(key, "{\"exp\":4102444800,\"iat\":1700000000,\"sub\":\"" + USER + "\"}");
        // The three the benchmarks time.
        add(requests, "json.http", "all", "200", get("/json", ""));
        add(requests, "login.http", "all", "200", post("/auth/login", login));
        add(requests, "items.http", "all", "200", get("/items", "Authorization: Bearer " + token + "\r\n"));
        // The endpoints' own refusals: every lane and tier answers them alike.
        add(requests, "login-wrong-password.http", "all", "401",
                post("/auth/login", "{\"email\":\"user" + USER + "@example.com\",\"password\":\"incorrect horse\"}"));
        add(requests, "login-unknown-user.http", "all", "401",
                post("/auth/login", "{\"email\":\"user" + (USERS + 1) + "@example.com\",\"password\":\"" + password + "\"}"));
        add(requests, "login-not-json.http", "all", "400", post("/auth/login", "{\"email\":"));
        add(requests, "login-not-object.http", "all", "400", post("/auth/login", "[\"user42@example.com\"]"));
        add(requests, "login-missing-field.http", "all", "400", post("/auth/login", "{\"email\":\"user42@example.com\"}"));
        add(requests, "login-extra-field.http", "all", "400",
                post("/auth/login", login.substring(0, login.length() - 1) + ",\"admin\":true}"));
        add(requests, "login-wrong-type.http", "all", "400",
                post("/auth/login", "{\"email\":\"user42@example.com\",\"password\":42}"));
        add(requests, "login-not-utf8.http", "all", "400", post("/auth/login",
                bytes("{\"email\":\"user42@example.com\",\"password\":\""), new byte[] {(byte) 0xff, (byte) 0xfe}, bytes("\"}")));
        add(requests, "login-password-too-long.http", "all", "400",
                post("/auth/login", "{\"email\":\"user42@example.com\",\"password\":\"" + "x".repeat(73) + "\"}"));
        add(requests, "items-no-token.http", "all", "401", get("/items", ""));
        add(requests, "items-not-bearer.http", "all", "401", get("/items", "Authorization: Basic dXNlcjQyOnB3\r\n"));
        add(requests, "items-other-key.http", "all", "401", get("/items",
                "Authorization: Bearer " + token(OTHER_KEY, "{\"exp\":4102444800,\"iat\":1700000000,\"sub\":\"" + USER + "\"}") + "\r\n"));
        add(requests, "items-expired.http", "all", "401", get("/items",
                "Authorization: Bearer " + token(key, "{\"exp\":1700003600,\"iat\":1700000000,\"sub\":\"" + USER + "\"}") + "\r\n"));
        add(requests, "items-malformed-token.http", "all", "401", get("/items", "Authorization: Bearer abc.def\r\n"));
        add(requests, "not-found.http", "routed", "404", get("/nope", ""));
        add(requests, "wrong-method.http", "routed", "405", bytes("DELETE /json HTTP/1.1\r\nHost: crossbench\r\n\r\n"));
        // HTTP itself is wrong: a 4xx or a closed connection from the server.
        add(requests, "bad-request-line.http", "server", "4xx-or-close", bytes("GARBAGE\r\n\r\n"));
        add(requests, "oversized-header.http", "server", "4xx-or-close",
                bytes("GET /json HTTP/1.1\r\nHost: crossbench\r\nX-Big: " + "a".repeat(64 << 10) + "\r\n\r\n"));
        add(requests, "duplicate-content-length.http", "server", "4xx-or-close", concat(bytes(
                "POST /auth/login HTTP/1.1\r\nHost: crossbench\r\nContent-Type: application/json\r\nContent-Length: "
                + login.length() + "\r\nContent-Length: " + (login.length() + 1) + "\r\n\r\n"), bytes(login)));
        add(requests, "content-length-and-chunked.http", "server", "4xx-or-close", concat(bytes(
                "POST /auth/login HTTP/1.1\r\nHost: crossbench\r\nContent-Type: application/json\r\nContent-Length: "
                + login.length() + "\r\nTransfer-Encoding: chunked\r\n\r\n"), chunked(login)));
        add(requests, "bad-chunked.http", "server", "4xx-or-close", bytes(
                "POST /auth/login HTTP/1.1\r\nHost: crossbench\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n"));
        byte[] big = new byte[MAX_BODY + 1];
        Arrays.fill(big, (byte) ' ');
        big[0] = '{';
        big[big.length - 1] = '}';
        add(requests, "body-over-limit.http", "server", "413", post("/auth/login", big));
        return requests;
    }

    /** expected.tsv: one line per request, {@code name<TAB>tiers<TAB>expected}, after a header line. */
    static byte[] expected(Map<String, Request> requests) {
        StringBuilder tsv = new StringBuilder("# request\ttiers\texpected (OPS.md, Requests)\n");
        requests.values().forEach(r -> tsv.append(r.name()).append('\t').append(r.tiers()).append('\t').append(r.expected()).append('\n'));
        return bytes(tsv.toString());
    }

    /** The password's bcrypt hash at a cost, with a salt made from the cost (the corpus is reproducible). */
    static byte[] passwordHash(String password, int cost) {
        byte[] salt = Arrays.copyOf(sha256(bytes("crossbench bcrypt salt, cost " + cost)), 16);
        return BCrypt.with(BCrypt.Version.VERSION_2B).hash(cost, salt, bytes(password));
    }

    private static void add(Map<String, Request> requests, String name, String tiers, String expected, byte[] bytes) {
        requests.put(name, new Request(name, tiers, expected, bytes));
    }

    private static byte[] get(String path, String headers) {
        return bytes("GET " + path + " HTTP/1.1\r\nHost: crossbench\r\n" + headers + "\r\n");
    }

    private static byte[] post(String path, String body) {
        return post(path, bytes(body));
    }

    private static byte[] post(String path, byte[]... body) {
        byte[] content = concat(body);
        return concat(bytes("POST " + path + " HTTP/1.1\r\nHost: crossbench\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + content.length + "\r\n\r\n"), content);
    }

    private static byte[] chunked(String body) {
        return bytes(Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n");
    }

    /** An HS256 JWT of the claims, as every lane writes it: the standard header, base64url without padding. */
    static String token(String key, String claims) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String signed = b64.encodeToString(bytes("{\"alg\":\"HS256\",\"typ\":\"JWT\"}")) + "." + b64.encodeToString(bytes(claims));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(bytes(key), "HmacSHA256"));
            return signed + "." + b64.encodeToString(mac.doFinal(bytes(signed)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
