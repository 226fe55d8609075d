package dev.crossbench.lane.java;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.crossbench.contract.AuthRules;
import dev.crossbench.contract.CheckedLane;
import dev.crossbench.contract.Digests;
import dev.crossbench.contract.JsonContract;
import dev.crossbench.lane.HttpAnswer;
import dev.crossbench.lane.HttpApp;
import dev.crossbench.lane.HttpTier;
import dev.crossbench.lane.JsonLibrary;
import dev.crossbench.lane.Lane;
import dev.crossbench.lane.LaneException;
import dev.crossbench.lane.LaneInfo;
import dev.crossbench.lane.Op;
import dev.crossbench.lane.java.web.JavaWebStack;
import dev.crossbench.lane.java.web.WebFailure;
import dev.crossbench.payload.User;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The Java lane: Jackson or fastjson2 (by {@link JsonLibrary}), at.favre
 * bcrypt and auth0 java-jwt, called directly; the http ops through its web
 * stack, Spring Boot on Jetty ({@link JavaWebStack}).
 * Inputs are checked by {@link CheckedLane}; this class only does the work and
 * names library failures.
 */
public final class JavaLane implements Lane {
    /** For jwt_sign's claims: reject trailing content, ignore unknown fields. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final TypeReference<LinkedHashMap<String, Object>> CLAIMS = new TypeReference<>() {};
    static final String ONLY_WHITESPACE = "no JSON value: the document is only whitespace";
    /** The library of each {@link JsonLibrary} role, by ordinal (the n of the native ops). */
    private static final List<JavaJson> LIBRARIES = List.of(new JacksonJson(), new Fastjson2Json());
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final String name;
    private final KeptRecords kept = new KeptRecords();
    /** Spring Boot on Jetty; /items' records bound with the usual library (Jackson), as json_bind does. Starts nothing until an http op. */
    private final JavaWebStack web = new JavaWebStack(json -> readUsers(LIBRARIES.get(JsonLibrary.USUAL.ordinal()), json, Op.HTTP_KEEP));
    /** alloc_start's reading of the calling thread's allocated bytes; -1 when not counting. */
    private final ThreadLocal<long[]> allocStart = ThreadLocal.withInitial(() -> new long[] {-1});

    public JavaLane(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public LaneInfo info() {
        return new LaneInfo(
                name,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                libraryVersions(),
                Map.of("vendor", System.getProperty("java.vm.vendor")),
                // Lane's methods are the ops, so the compiler holds this lane to Op.
                Arrays.stream(Op.values()).map(Op::id).toList(),
                jsonLibraries(),
                JavaWebStack.TIERS,
                JavaWebStack.APPS);
    }

    @Override
    public void noop() {}

    @Override
    public byte[] echo(byte[] payload) {
        return payload.clone();
    }

    @Override
    public int jsonTree(JsonLibrary library, byte[] json) {
        JavaJson lib = library(library, Op.JSON_TREE);
        requireUtf8Document(json, Op.JSON_TREE);
        try {
            return lib.treeSize(json);
        } catch (Exception e) {
            throw LaneException.of(name, Op.JSON_TREE, e);
        }
    }

    @Override
    public String jsonTreeDigest(JsonLibrary library, byte[] json) {
        JavaJson lib = library(library, Op.JSON_TREE_DIGEST);
        JsonNode strict = strictTree(json, Op.JSON_TREE_DIGEST);
        JsonNode tree;
        try {
            tree = lib.digestTree(json, strict);
        } catch (Exception e) {
            throw LaneException.of(name, Op.JSON_TREE_DIGEST, e);
        }
        return canonicalDigest(tree, Op.JSON_TREE_DIGEST);
    }

    @Override
    public int jsonBind(JsonLibrary library, byte[] json) {
        return readUsers(library(library, Op.JSON_BIND), json, Op.JSON_BIND).size();
    }

    @Override
    public String jsonBindDigest(JsonLibrary library, byte[] json) {
        JavaJson lib = library(library, Op.JSON_BIND_DIGEST);
        JsonNode strict = strictTree(json, Op.JSON_BIND_DIGEST); // the contract's checks on the tree: duplicates, numbers
        List<User> users = readUsers(lib, json, Op.JSON_BIND_DIGEST);
        requireBoundNumbers(users, strict, Op.JSON_BIND_DIGEST);
        JsonNode records;
        try {
            records = lib.recordsTree(users);
        } catch (Exception e) {
            throw LaneException.of(name, Op.JSON_BIND_DIGEST, e);
        }
        return canonicalDigest(records, Op.JSON_BIND_DIGEST);
    }

    @Override
    public int jsonKeep(JsonLibrary library, byte[] json) {
        JavaJson lib = library(library, Op.JSON_KEEP);
        return kept.keep(lib, readUsers(lib, json, Op.JSON_KEEP));
    }

    @Override
    public int jsonWrite(int handle) {
        KeptRecords.Kept records = kept.get(handle);
        if (records == null) {
            throw new LaneException(name, Op.JSON_WRITE, "no kept records " + handle);
        }
        try {
            return records.library().write(records.users()).length;
        } catch (Exception e) {
            throw LaneException.of(name, Op.JSON_WRITE, e);
        }
    }

    @Override
    public String jsonWriteDigest(JsonLibrary library, byte[] json) {
        JsonNode strict = strictTree(json, Op.JSON_WRITE_DIGEST);
        requireBoundNumbers(readUsers(library(library, Op.JSON_WRITE_DIGEST), json, Op.JSON_WRITE_DIGEST), strict, Op.JSON_WRITE_DIGEST);
        // What the library wrote, read back as any client would: strictly, under the whole contract.
        return canonicalDigest(strictTree(written(library, json, Op.JSON_WRITE_DIGEST), Op.JSON_WRITE_DIGEST), Op.JSON_WRITE_DIGEST);
    }

    /** Binds and writes with the library, as json_keep then json_write do: json_write_digest's bytes, and tests'. */
    byte[] written(JsonLibrary library, byte[] json, Op op) {
        JavaJson lib = library(library, op);
        List<User> users = readUsers(lib, json, op);
        try {
            return lib.write(users);
        } catch (Exception e) {
            throw LaneException.of(name, op, e);
        }
    }

    @Override
    public void jsonRelease(int handle) {
        if (!kept.release(handle)) {
            throw new LaneException(name, Op.JSON_RELEASE, "no kept records " + handle);
        }
    }

    @Override
    public void allocStart() {
        allocStart.get()[0] = THREADS.getCurrentThreadAllocatedBytes();
    }

    @Override
    public long allocStop() {
        long now = THREADS.getCurrentThreadAllocatedBytes();
        long[] start = allocStart.get();
        if (start[0] < 0) {
            throw new LaneException(name, Op.ALLOC_STOP, "alloc_stop without alloc_start on this thread");
        }
        long allocated = now - start[0];
        start[0] = -1;
        return allocated;
    }

    @Override
    public String bcryptHash(byte[] password, int cost) {
        if (cost < AuthRules.MIN_COST || cost > AuthRules.MAX_COST) {
            throw new LaneException(name, Op.BCRYPT_HASH, "bcrypt cost " + cost + " is outside " + AuthRules.MIN_COST + ".." + AuthRules.MAX_COST);
        }
        try {
            return new String(BCrypt.withDefaults().hash(cost, password), StandardCharsets.US_ASCII);
        } catch (RuntimeException e) {
            throw LaneException.of(name, Op.BCRYPT_HASH, e);
        }
    }

    @Override
    public boolean bcryptVerify(byte[] password, String hash) {
        BCrypt.Result result;
        try {
            AuthRules.checkBcryptHash(hash);
            result = BCrypt.verifyer().verify(password, hash.getBytes(StandardCharsets.US_ASCII));
        } catch (RuntimeException e) {
            throw LaneException.of(name, Op.BCRYPT_VERIFY, e);
        }
        if (!result.validFormat) {
            throw new LaneException(name, Op.BCRYPT_VERIFY, "malformed hash: " + result.formatErrorMessage);
        }
        return result.verified;
    }

    @Override
    public String jwtSign(byte[] claimsJson, byte[] key) {
        try {
            if (claimsJson.length > AuthRules.MAX_CLAIMS) {
                throw new IllegalArgumentException("claims are " + claimsJson.length + " bytes, over " + AuthRules.MAX_CLAIMS);
            }
            AuthRules.checkJson(claimsJson, "claims", true);
            Map<String, Object> claims = MAPPER.readValue(claimsJson, CLAIMS);
            AuthRules.checkSignValues(claims);
            String token = JWT.create().withPayload(claims).sign(Algorithm.HMAC256(key));
            if (token.length() > AuthRules.MAX_TOKEN) {
                throw new IllegalArgumentException("token would be " + token.length() + " characters, over " + AuthRules.MAX_TOKEN);
            }
            return token;
        } catch (Exception e) {
            throw LaneException.of(name, Op.JWT_SIGN, e);
        }
    }

    @Override
    public String jwtVerify(String token, byte[] key) {
        try {
            byte[] payload = AuthRules.checkCompact(token);
            AuthRules.checkClaims(JWT.require(Algorithm.HMAC256(key)).build().verify(token));
            return new String(payload, StandardCharsets.UTF_8); // the claims exactly as signed
        } catch (RuntimeException e) {
            throw LaneException.of(name, Op.JWT_VERIFY, e);
        }
    }

    @Override
    public int httpKeep(HttpTier tier, HttpApp app, byte[] request) {
        try {
            return web.keep(tier, app, request);
        } catch (RuntimeException e) {
            throw webFailure(Op.HTTP_KEEP, e);
        }
    }

    @Override
    public long httpRun(int handle) {
        try {
            return web.run(handle);
        } catch (RuntimeException e) {
            throw webFailure(Op.HTTP_RUN, e);
        }
    }

    @Override
    public HttpAnswer httpCheck(HttpTier tier, HttpApp app, byte[] request) {
        try {
            return web.check(tier, app, request);
        } catch (RuntimeException e) {
            throw webFailure(Op.HTTP_CHECK, e);
        }
    }

    @Override
    public void httpRelease(int handle) {
        try {
            web.release(handle);
        } catch (RuntimeException e) {
            throw webFailure(Op.HTTP_RELEASE, e);
        }
    }

    /** The web stack's own failures keep their message (such as {@code no kept request 7}); others name their type. */
    private LaneException webFailure(Op op, RuntimeException e) {
        if (e instanceof LaneException lane) {
            return lane;
        }
        return e instanceof WebFailure ? new LaneException(name, op, e.getMessage(), e) : LaneException.of(name, op, e);
    }

    /** From java-libraries.properties, which Maven fills in from pom.xml. */
    private Map<String, String> libraryVersions() {
        Properties versions = new Properties();
        try (InputStream in = JavaLane.class.getResourceAsStream("java-libraries.properties")) {
            versions.load(in);
        } catch (IOException | NullPointerException e) {
            throw new LaneException(name, Op.VERSIONS, "java-libraries.properties is missing: rebuild with mvn package");
        }
        Map<String, String> libraries = new TreeMap<>();
        versions.forEach((library, version) -> libraries.put((String) library, (String) version));
        return libraries;
    }

    /** The checks of OPS.md's JSON contract that cost the timed ops too much: for the digest ops. */
    private void requireContract(byte[] json, Op op) {
        String violation = JsonContract.violation(json);
        if (violation != null) {
            throw new LaneException(name, op, violation);
        }
    }

    /** The checks every JSON op makes before Jackson reads: constant time. */
    private void requireUtf8Document(byte[] json, Op op) {
        if (json.length > JsonContract.MAX_DOCUMENT_BYTES) {
            throw new LaneException(name, op, "document is " + json.length + " bytes, over the limit of " + JsonContract.MAX_DOCUMENT_BYTES);
        }
        String violation = JsonContract.encodingViolation(json);
        if (violation != null) {
            throw new LaneException(name, op, violation);
        }
    }

    /** The library playing that role here; a role this lane lacks fails as OPS.md says. */
    private JavaJson library(JsonLibrary library, Op op) {
        if (library == null || library.ordinal() >= LIBRARIES.size()) {
            throw new LaneException(name, op, "no JSON library " + (library == null ? "null" : library.ordinal()) + " in the " + name + " lane");
        }
        return LIBRARIES.get(library.ordinal());
    }

    /** role -> op kind -> library name, as the native lanes report it in versions. */
    private static Map<String, Map<String, String>> jsonLibraries() {
        Map<String, Map<String, String>> roles = new TreeMap<>();
        for (JsonLibrary role : JsonLibrary.values()) {
            if (role.ordinal() < LIBRARIES.size()) {
                String library = LIBRARIES.get(role.ordinal()).name();
                roles.put(role.id(), Map.of("tree", library, "bind", library, "write", library));
            }
        }
        return roles;
    }

    /**
     * The digest ops' check of a document, whatever library then reads it:
     * OPS.md's contract ({@link JsonContract#violation}) and Jackson's strict
     * parse (syntax, duplicate names, finite numbers); returns Jackson's tree.
     */
    private JsonNode strictTree(byte[] json, Op op) {
        requireContract(json, op);
        JsonNode tree;
        try {
            tree = JacksonJson.readTree(JacksonJson.DIGEST_MAPPER, json);
        } catch (Exception e) {
            throw LaneException.of(name, op, e);
        }
        if (tree == null || tree.isMissingNode()) {
            throw new LaneException(name, op, ONLY_WHITESPACE);
        }
        return tree;
    }

    /** Binds with the library, then the checks every library's bind shares (OPS.md, the user record). */
    private List<User> readUsers(JavaJson library, byte[] json, Op op) {
        requireUtf8Document(json, op);
        List<User> users;
        try {
            users = library.bind(json);
        } catch (Exception e) {
            throw LaneException.of(name, op, e);
        }
        if (users == null) {
            throw new LaneException(name, op, "null is not an array of users");
        }
        for (Object user : users) {
            if (!(user instanceof User bound)) {
                throw new LaneException(name, op, user == null ? "null is not a user" : "not a user: " + user.getClass().getSimpleName());
            }
            if (!Double.isFinite(bound.score())) {
                throw new LaneException(name, op, "score out of the double range: " + bound.score());
            }
        }
        return users;
    }

    /**
     * The digest ops' check that the library bound each user's numbers as the
     * document says them (Jackson's strict tree): fastjson2 misreads some long
     * literals with an exponent, and a digest must not hash another value.
     * Coercions (a string or 1.5 read into id) are the library's, not checked.
     */
    private void requireBoundNumbers(List<User> users, JsonNode strict, Op op) {
        for (int i = 0; i < users.size() && i < strict.size(); i++) {
            JsonNode score = strict.get(i).get("score");
            if (score != null && score.isNumber() && score.doubleValue() != users.get(i).score()) { // -0.0 == 0.0: one canonical form
                throw new LaneException(name, op, "the library read the score " + score.asText() + " as " + users.get(i).score());
            }
            JsonNode id = strict.get(i).get("id");
            if (id != null && id.isIntegralNumber() && id.canConvertToLong() && id.longValue() != users.get(i).id()) {
                throw new LaneException(name, op, "the library read the id " + id.asText() + " as " + users.get(i).id());
            }
        }
    }

    /** Canonicalises a tree with RFC 8785 and hashes it. */
    private String canonicalDigest(JsonNode tree, Op op) {
        try {
            return Digests.sha256Hex(JsonContract.canonical(tree));
        } catch (Exception e) {
            throw LaneException.of(name, op, e);
        }
    }
}
