package dev.crossbench.lane;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.crossbench.payload.User;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The Java lane: Jackson, at.favre bcrypt and auth0 java-jwt, called directly.
 * Inputs are checked by {@link CheckedLane}; this class only does the work and
 * names library failures.
 */
final class JavaLane implements Lane {
    private final String name;

    /** Configured to the contract shared with Go and Python: reject trailing content, ignore unknown fields. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    /**
     * The JSON ops' mapper: as MAPPER, and held to OPS.md's JSON contract where
     * Jackson can check it as it reads (nesting depth, finite numbers); strings
     * as long as a whole document, so no lane refuses a string another keeps.
     */
    private static final ObjectMapper JSON_MAPPER = jsonMapper(true);
    /**
     * The digest ops' mapper: the same tree, rejecting a member name twice in
     * one object (I-JSON, which RFC 8785 requires; Jackson otherwise keeps the
     * last), and without interning member names into the JVM's string table
     * (a 1,000,000-member object spent seconds there). The timed ops keep
     * Jackson's defaults.
     */
    private static final ObjectMapper DIGEST_MAPPER = jsonMapper(false);
    private static final ObjectReader USERS_READER = JSON_MAPPER.readerForListOf(User.class);
    private static final TypeReference<LinkedHashMap<String, Object>> CLAIMS = new TypeReference<>() {};

    private static ObjectMapper jsonMapper(boolean timed) {
        return JsonMapper.builder(JsonFactory.builder()
                        .configure(JsonFactory.Feature.INTERN_FIELD_NAMES, timed)
                        .configure(StreamReadFeature.STRICT_DUPLICATE_DETECTION, !timed)
                        .streamReadConstraints(StreamReadConstraints.builder()
                                .maxNestingDepth(JsonContract.MAX_DEPTH)
                                .maxNumberLength(JsonContract.MAX_NUMBER_CHARS)
                                .maxStringLength(JsonContract.MAX_DOCUMENT_BYTES)
                                .build())
                        .build())
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .nodeFactory(new JsonContract.FiniteNodeFactory())
                .build();
    }

    JavaLane(String name) {
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
                Arrays.stream(Op.values()).map(Op::id).toList());
    }

    @Override
    public void noop() {}

    @Override
    public byte[] echo(byte[] payload) {
        return payload.clone();
    }

    @Override
    public int jsonTree(byte[] json) {
        return readTree(json, Op.JSON_TREE, JSON_MAPPER).size();
    }

    @Override
    public String jsonTreeDigest(byte[] json) {
        requireContract(json, Op.JSON_TREE_DIGEST);
        return canonicalDigest(readTree(json, Op.JSON_TREE_DIGEST, DIGEST_MAPPER), Op.JSON_TREE_DIGEST);
    }

    @Override
    public int jsonBind(byte[] json) {
        return readUsers(json, Op.JSON_BIND).size();
    }

    @Override
    public String jsonBindDigest(byte[] json) {
        requireContract(json, Op.JSON_BIND_DIGEST);
        readTree(json, Op.JSON_BIND_DIGEST, DIGEST_MAPPER); // the contract's checks on the tree: duplicates, numbers
        return canonicalDigest(readUsers(json, Op.JSON_BIND_DIGEST), Op.JSON_BIND_DIGEST);
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

    private JsonNode readTree(byte[] json, Op op, ObjectMapper mapper) {
        requireUtf8Document(json, op);
        JsonNode tree;
        try {
            tree = mapper.readTree(json);
        } catch (Exception e) {
            throw LaneException.of(name, op, e);
        }
        if (tree == null || tree.isMissingNode()) {
            throw new LaneException(name, op, "no JSON value: the document is only whitespace");
        }
        return tree;
    }

    private List<User> readUsers(byte[] json, Op op) {
        requireUtf8Document(json, op);
        List<User> users;
        try {
            users = USERS_READER.readValue(json);
        } catch (Exception e) {
            throw LaneException.of(name, op, e);
        }
        if (users == null) {
            throw new LaneException(name, op, "null is not an array of users");
        }
        for (User user : users) {
            if (user == null) {
                throw new LaneException(name, op, "null is not a user");
            }
            if (!Double.isFinite(user.score())) {
                throw new LaneException(name, op, "score out of the double range: " + user.score());
            }
        }
        return users;
    }

    /**
     * Canonicalises with RFC 8785 and hashes: a tree as read, typed records as
     * Jackson serialises them (valueToTree: the same names and values as
     * writeValueAsString).
     */
    private String canonicalDigest(Object value, Op op) {
        try {
            JsonNode tree = value instanceof JsonNode node ? node : JSON_MAPPER.valueToTree(value);
            return Digests.sha256Hex(JsonContract.canonical(tree));
        } catch (Exception e) {
            throw LaneException.of(name, op, e);
        }
    }
}
