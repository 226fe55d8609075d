package dev.crossbench.lane;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
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
import org.erdtman.jcs.JsonCanonicalizer;

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
    private static final ObjectReader USERS_READER = MAPPER.readerForListOf(User.class);
    private static final TypeReference<LinkedHashMap<String, Object>> CLAIMS = new TypeReference<>() {};

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
        return readTree(json, Op.JSON_TREE).size();
    }

    @Override
    public String jsonTreeDigest(byte[] json) {
        return canonicalDigest(readTree(json, Op.JSON_TREE_DIGEST), Op.JSON_TREE_DIGEST);
    }

    @Override
    public int jsonBind(byte[] json) {
        return readUsers(json, Op.JSON_BIND).size();
    }

    @Override
    public String jsonBindDigest(byte[] json) {
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

    private JsonNode readTree(byte[] json, Op op) {
        try {
            return MAPPER.readTree(json);
        } catch (Exception e) {
            throw LaneException.of(name, op, e);
        }
    }

    private List<User> readUsers(byte[] json, Op op) {
        try {
            return USERS_READER.readValue(json);
        } catch (Exception e) {
            throw LaneException.of(name, op, e);
        }
    }

    /**
     * Serialises with Jackson, canonicalises with RFC 8785, hashes. The JCS
     * library takes only a top-level object or array, so every value goes in
     * wrapped in a one-element array and comes out unwrapped: by RFC 8785 the
     * canonical form of {@code [v]} is {@code [} + the canonical form of v + {@code ]}.
     */
    private String canonicalDigest(Object value, Op op) {
        try {
            String wrapped = "[" + MAPPER.writeValueAsString(value) + "]";
            byte[] canonical = new JsonCanonicalizer(wrapped).getEncodedUTF8();
            return Digests.sha256Hex(Arrays.copyOfRange(canonical, 1, canonical.length - 1));
        } catch (Exception e) {
            throw LaneException.of(name, op, e);
        }
    }
}
