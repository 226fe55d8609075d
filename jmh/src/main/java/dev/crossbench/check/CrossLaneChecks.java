package dev.crossbench.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossbench.contract.JsonContract;
import dev.crossbench.lane.JsonLibrary;
import dev.crossbench.lane.Lane;
import dev.crossbench.lane.LaneException;
import dev.crossbench.payload.Corpus;
import dev.crossbench.payload.Payload;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Proof that every lane does the same work before anything is measured: a
 * bcrypt hash or a JWT made by any lane verifies in every other lane, tampering
 * is caught everywhere, and every document parses to the same canonical content.
 * Used by {@code crossbench selfcheck}, by the tests and by every benchmark's setup.
 */
public final class CrossLaneChecks {
    /**
     * Set (to true) where the suite's runner has run every check on these
     * lanes and this corpus before its first fork: the forks' setups then skip
     * their group's checks, which would prove the same again at every fork.
     */
    public static final String DONE_IN_RUNNER = "crossbench.checks.done";

    public static final String CROSSING = "crossing";
    public static final String JSON = "json";
    public static final String BCRYPT = "bcrypt";
    public static final String JWT = "jwt";
    public static final String REQUEST = "request";

    /** A 32-byte HS256 key (RFC 7518 asks for at least the hash size): {@code corpus/jwt-key}. */
    public static final byte[] JWT_KEY = Corpus.read("jwt-key");
    /**
     * Claims that all three libraries encode to the same bytes (names in
     * alphabetical order, integer seconds, ASCII without {@code <>&}, no single
     * {@code aud}): {@code corpus/jwt-claims.json}.
     */
    public static final byte[] JWT_CLAIMS = Corpus.read("jwt-claims.json");
    /** The bcrypt password: {@code corpus/password}. */
    public static final byte[] PASSWORD = Corpus.read("password");
    /** The checks prove agreement, not speed: the cheapest cost every library accepts. */
    static final int BCRYPT_COST = 4;

    /**
     * Documents beyond the generated payloads, each where runtimes are known to
     * differ: number forms, escapes, surrogate pairs, deep nesting, top-level scalars.
     */
    public static final List<String> EDGE_DOCUMENTS = List.of(
            "{\"b\":[true,false,null],\"a\":{},\"c\":[],\"\u00e9\":\"\\u00e9\\\"\\\\\\/\\b\\f\\n\\r\\t\\u0001\"}",
            "[0,-0,-0.0,1,-1,0.1,1e21,1e-7,1E+2,123456789012345678901234567890,-1.5e300,5e-324,9007199254740993]",
            "{\"emoji\":\"\\ud83d\\ude80 \ud83d\ude80\",\"z\":1,\"a\":2,\"\u20ac\":3,\"\\u0000\":4}",
            "[[[[[[[[[[[[[[[[[[[[{\"deep\":[[[[[[[[[[1]]]]]]]]]]}]]]]]]]]]]]]]]]]]]]]",
            "\"just a string\"",
            "42",
            "null");

    /**
     * Documents OPS.md's JSON contract rejects, one per kind ("JSON documents
     * every lane treats the same"): every lane's digest op must reject each.
     */
    static final List<byte[]> CONTRACT_REJECTS = List.of(
            " \t\n ".getBytes(StandardCharsets.UTF_8),
            "[1e400]".getBytes(StandardCharsets.UTF_8),
            "[NaN]".getBytes(StandardCharsets.UTF_8),
            new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf, '{', '}'},
            new byte[] {'[', '"', (byte) 0xc0, (byte) 0xaf, '"', ']'},
            new byte[] {'[', '"', (byte) 0xff, '"', ']'},
            new byte[] {'[', '"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"', ']'},
            "[\"\\ud800\"]".getBytes(StandardCharsets.UTF_8),
            "{\"a\":1,\"a\":2}".getBytes(StandardCharsets.UTF_8),
            ("[".repeat(JsonContract.MAX_DEPTH + 1) + "]".repeat(JsonContract.MAX_DEPTH + 1)).getBytes(StandardCharsets.UTF_8));

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CrossLaneChecks() {}

    /**
     * One named property of all lanes together; {@link #run()} throws
     * {@link CheckFailure} if it does not hold. {@code subject} is the payload
     * a check is about, or empty when it concerns every benchmark of its group.
     */
    public record Check(String group, String subject, String name, Runnable body) {
        Check(String group, String name, Runnable body) {
            this(group, "", name, body);
        }

        public void run() {
            body.run();
        }
    }

    public static final class CheckFailure extends RuntimeException {
        CheckFailure(String message) {
            super(message);
        }
    }

    /** Every check over these lanes. */
    public static List<Check> all(List<Lane> lanes) {
        List<Check> checks = new ArrayList<>();
        checks.addAll(crossing(lanes));
        checks.addAll(json(lanes));
        checks.addAll(bcrypt(lanes));
        checks.addAll(jwt(lanes));
        checks.addAll(RequestChecks.all(lanes));
        return checks;
    }

    /**
     * The checks of one group ({@link #CROSSING}, {@link #JSON}, {@link #BCRYPT}, {@link #JWT}, {@link #REQUEST}),
     * built alone: a benchmark fork's setup pays only for its own op's checks.
     */
    public static List<Check> group(List<Lane> lanes, String group) {
        return switch (group) {
            case CROSSING -> crossing(lanes);
            case JSON -> json(lanes);
            case BCRYPT -> bcrypt(lanes);
            case JWT -> jwt(lanes);
            case REQUEST -> RequestChecks.all(lanes);
            default -> throw new IllegalArgumentException("no check group '" + group + "'");
        };
    }

    /** Runs the checks of a group and throws one exception naming every failure: for a benchmark's setup. */
    public static void require(List<Lane> lanes, String group) {
        require(lanes, group, null);
    }

    /** As {@link #require(List, String)}, leaving out checks about other payloads than {@code subject} (null: none left out). */
    public static void require(List<Lane> lanes, String group, String subject) {
        List<String> failures = new ArrayList<>();
        for (Check check : group(lanes, group)) {
            if (subject != null && !check.subject().isEmpty() && !check.subject().equals(subject)) {
                continue;
            }
            try {
                check.run();
            } catch (CheckFailure | LaneException e) {
                failures.add(check.name() + ": " + e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("the lanes disagree on " + group + "; refusing to measure:\n  "
                    + String.join("\n  ", failures));
        }
    }

    /** Fails unless every lane parses the document to the same canonical content: for the user's own files. */
    public static void requireSameTree(List<Lane> lanes, String name, byte[] document) {
        try {
            sameInEvery("the canonical digest of " + name, lanes, (lane, library) -> lane.jsonTreeDigest(library, document));
        } catch (CheckFailure | LaneException e) {
            throw new IllegalStateException("refusing to measure " + name + ": " + e.getMessage(), e);
        }
    }

    static List<Check> crossing(List<Lane> lanes) {
        return List.of(new Check(CROSSING, "echo returns the same bytes in every lane (0 B, 1 KiB, 64 KiB)", () -> {
            for (int size : new int[] {0, 1024, 64 * 1024}) {
                byte[] payload = new byte[size];
                for (int i = 0; i < size; i++) {
                    payload[i] = (byte) (i * 31 + 7);
                }
                for (Lane lane : lanes) {
                    if (!Arrays.equals(payload, lane.echo(payload))) {
                        throw new CheckFailure(lane.name() + " echo changed a " + size + "-byte payload");
                    }
                }
            }
        }));
    }

    static List<Check> json(List<Lane> lanes) {
        List<Check> checks = new ArrayList<>();
        // Payloads are generated inside the checks, so a fork that skips a payload's checks never builds it.
        for (Payload payload : Payload.values()) {
            String id = payload.id();
            checks.add(new Check(JSON, id, "tree of " + id + ": same count and canonical digest in every lane with every JSON library", () -> {
                byte[] doc = payload.bytes();
                sameInEvery("tree count of " + id, lanes, (lane, library) -> lane.jsonTree(library, doc));
                sameInEvery("tree digest of " + id, lanes, (lane, library) -> lane.jsonTreeDigest(library, doc));
            }));
            checks.add(new Check(JSON, id, "bind of " + id + ": same count and field values in every lane with every JSON library,"
                    + " equal to the tree and to what each library writes", () -> {
                byte[] doc = payload.bytes();
                sameInEvery("bind count of " + id, lanes, (lane, library) -> lane.jsonBind(library, doc));
                String bound = sameInEvery("bind digest of " + id, lanes, (lane, library) -> lane.jsonBindDigest(library, doc));
                String tree = lanes.get(0).jsonTreeDigest(JsonLibrary.USUAL, doc);
                if (!bound.equals(tree)) {
                    throw new CheckFailure("the bound records of " + id
                            + " serialise to other content than the document: a field was lost or changed");
                }
                String written = sameInEvery("write digest of " + id, lanes, (lane, library) -> lane.jsonWriteDigest(library, doc));
                if (!written.equals(bound)) {
                    throw new CheckFailure("the records of " + id + " as written (json_write) read back as other content than as bound");
                }
            }));
        }
        for (int i = 0; i < EDGE_DOCUMENTS.size(); i++) {
            byte[] doc = EDGE_DOCUMENTS.get(i).getBytes(StandardCharsets.UTF_8);
            checks.add(new Check(JSON, "tree of edge document " + (i + 1) + ": same canonical digest in every lane with every JSON library",
                    () -> sameInEvery("tree digest of " + new String(doc, StandardCharsets.UTF_8), lanes,
                            (lane, library) -> lane.jsonTreeDigest(library, doc))));
        }
        checks.add(new Check(JSON, "every lane's digest, with every JSON library, rejects each document OPS.md's JSON contract rejects", () -> {
            for (byte[] doc : CONTRACT_REJECTS) {
                for (Lane lane : lanes) {
                    for (JsonLibrary library : lane.info().roles()) {
                        expectRejection(lane, "with the " + library + " library the document " + new String(doc, StandardCharsets.UTF_8).strip()
                                + " (OPS.md's JSON contract rejects it)", () -> lane.jsonTreeDigest(library, doc));
                    }
                }
            }
        }));
        return checks;
    }

    static List<Check> bcrypt(List<Lane> lanes) {
        byte[] wrong = "correct horse battery stapler".getBytes(StandardCharsets.US_ASCII);
        List<Check> checks = new ArrayList<>();
        for (Lane maker : lanes) {
            checks.add(new Check(BCRYPT, "hash from " + maker.name() + " verifies in every lane; a wrong password fails in every lane", () -> {
                String hash = maker.bcryptHash(PASSWORD, BCRYPT_COST);
                if (!hash.matches("\\$2[aby]\\$0" + BCRYPT_COST + "\\$[./A-Za-z0-9]{53}")) {
                    throw new CheckFailure(maker.name() + " made '" + hash + "', not a bcrypt hash of cost " + BCRYPT_COST);
                }
                for (Lane verifier : lanes) {
                    if (!verifier.bcryptVerify(PASSWORD, hash)) {
                        throw new CheckFailure(verifier.name() + " rejects the right password for a hash from " + maker.name());
                    }
                    if (verifier.bcryptVerify(wrong, hash)) {
                        throw new CheckFailure(verifier.name() + " accepts a wrong password for a hash from " + maker.name());
                    }
                }
            }));
        }
        checks.add(new Check(BCRYPT, "a malformed hash (trailing character, $2c$, $2x$, cost 21) fails in every lane", () -> {
            String hash = lanes.get(0).bcryptHash(PASSWORD, BCRYPT_COST);
            String rest = hash.substring(4);
            for (String bad : List.of(hash + "x", "$2c$" + rest, "$2x$" + rest, "$2b$21$" + hash.substring(7))) {
                for (Lane verifier : lanes) {
                    expectRejection(verifier, "the malformed hash " + bad, () -> verifier.bcryptVerify(PASSWORD, bad));
                }
            }
        }));
        return checks;
    }

    static List<Check> jwt(List<Lane> lanes) {
        byte[] wrongKey = "another-hs256-key-also-32-bytes!".getBytes(StandardCharsets.US_ASCII);
        List<Check> checks = new ArrayList<>();
        for (Lane signer : lanes) {
            checks.add(new Check(JWT, "token from " + signer.name() + " verifies in every lane with the same claims", () -> {
                String token = signer.jwtSign(JWT_CLAIMS, JWT_KEY);
                // OPS.md: the result is the payload exactly as signed, so every lane gives the same bytes
                String payload = same("the claims of a token from " + signer.name(), lanes, verifier -> verifier.jwtVerify(token, JWT_KEY));
                JsonNode claims = tree(payload.getBytes(StandardCharsets.UTF_8));
                if (!claims.equals(tree(JWT_CLAIMS))) {
                    throw new CheckFailure("the lanes read other claims from a token of " + signer.name() + ": " + claims);
                }
            }));
            checks.add(new Check(JWT, "token from " + signer.name() + ": tampered claims and a wrong key are rejected by every lane", () -> {
                String token = signer.jwtSign(JWT_CLAIMS, JWT_KEY);
                String tampered = tamper(token);
                for (Lane verifier : lanes) {
                    expectRejection(verifier, "a tampered token from " + signer.name(), () -> verifier.jwtVerify(tampered, JWT_KEY));
                    expectRejection(verifier, "a wrong key for a token from " + signer.name(), () -> verifier.jwtVerify(token, wrongKey));
                }
            }));
        }
        checks.add(new Check(JWT, "a signature padded with = is rejected by every lane (RFC 7515: base64url without padding)", () -> {
            String token = lanes.get(0).jwtSign(JWT_CLAIMS, JWT_KEY);
            for (Lane verifier : lanes) {
                expectRejection(verifier, "a padded signature", () -> verifier.jwtVerify(token + "=", JWT_KEY));
            }
        }));
        checks.add(new Check(JWT, "every lane writes the same token for the same claims and key",
                () -> same("HS256 token", lanes, lane -> lane.jwtSign(JWT_CLAIMS, JWT_KEY))));
        return checks;
    }

    /** The value every lane gives; a failure lists each lane's answer. */
    private static <T> T same(String what, List<Lane> lanes, Function<Lane, T> op) {
        List<T> answers = lanes.stream().map(op).toList();
        if (answers.stream().distinct().count() > 1) {
            StringBuilder message = new StringBuilder("lanes disagree on " + what + ":");
            for (int i = 0; i < lanes.size(); i++) {
                message.append("\n    ").append(lanes.get(i).name()).append(": ").append(answers.get(i));
            }
            throw new CheckFailure(message.toString());
        }
        return answers.get(0);
    }

    /** The value every lane gives with every JSON library; a failure lists each answer as "lane library". */
    private static <T> T sameInEvery(String what, List<Lane> lanes, BiFunction<Lane, JsonLibrary, T> op) {
        List<String> names = new ArrayList<>();
        List<T> answers = new ArrayList<>();
        for (Lane lane : lanes) {
            for (JsonLibrary library : lane.info().roles()) {
                names.add(lane.name() + " " + library);
                answers.add(op.apply(lane, library));
            }
        }
        if (answers.stream().distinct().count() > 1) {
            StringBuilder message = new StringBuilder("lanes disagree on " + what + ":");
            for (int i = 0; i < names.size(); i++) {
                message.append("\n    ").append(names.get(i)).append(": ").append(answers.get(i));
            }
            throw new CheckFailure(message.toString());
        }
        return answers.get(0);
    }

    private static void expectRejection(Lane lane, String what, Runnable call) {
        try {
            call.run();
        } catch (LaneException expected) {
            return;
        }
        throw new CheckFailure(lane.name() + " accepts " + what);
    }

    /** The token with {@code "admin":false} turned true in its claims and the old signature kept. */
    static String tamper(String token) {
        String[] parts = token.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String forged = claims.replace("\"admin\":false", "\"admin\":true");
        if (forged.equals(claims)) {
            throw new CheckFailure("cannot tamper with claims " + claims);
        }
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(forged.getBytes(StandardCharsets.UTF_8));
        return parts[0] + "." + encoded + "." + parts[2];
    }

    private static JsonNode tree(byte[] json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new CheckFailure("not JSON: " + new String(json, StandardCharsets.UTF_8));
        }
    }
}
