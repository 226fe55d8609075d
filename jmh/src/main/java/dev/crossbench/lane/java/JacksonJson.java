package dev.crossbench.lane.java;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.crossbench.contract.JsonContract;
import dev.crossbench.payload.User;
import java.util.List;

/** The usual library of the Java lane: Jackson databind, held to OPS.md's contract where it can check as it reads. */
final class JacksonJson implements JavaJson {
    /**
     * The timed ops' mapper: trailing content rejected, unknown fields
     * ignored, nesting depth and finite numbers checked as it reads, strings
     * as long as a whole document, so no lane refuses a string another keeps.
     */
    static final ObjectMapper TIMED_MAPPER = mapper(true);
    /**
     * The digest ops' mapper: the same tree, rejecting a member name twice in
     * one object (I-JSON, which RFC 8785 requires; Jackson otherwise keeps the
     * last), and without interning member names into the JVM's string table
     * (a 1,000,000-member object spent seconds there). Also the strict parse
     * every library's digest ops run first, since the others are more lenient.
     */
    static final ObjectMapper DIGEST_MAPPER = mapper(false);
    private static final ObjectReader USERS_READER = TIMED_MAPPER.readerForListOf(User.class);

    private static ObjectMapper mapper(boolean timed) {
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

    /** Jackson's tree of the document; a missing node (only whitespace) is returned as such for the caller to refuse. */
    static JsonNode readTree(ObjectMapper mapper, byte[] json) throws java.io.IOException {
        return mapper.readTree(json);
    }

    @Override
    public String name() {
        return "jackson-databind";
    }

    @Override
    public int treeSize(byte[] json) throws Exception {
        JsonNode tree = readTree(TIMED_MAPPER, json);
        if (tree == null || tree.isMissingNode()) {
            throw new IllegalArgumentException(JavaLane.ONLY_WHITESPACE);
        }
        return tree.size();
    }

    @Override
    public JsonNode digestTree(byte[] json, JsonNode strict) {
        return strict; // the strict parse is Jackson's own tree
    }

    @Override
    public List<User> bind(byte[] json) throws Exception {
        return USERS_READER.readValue(json);
    }

    @Override
    public JsonNode recordsTree(List<User> users) {
        return TIMED_MAPPER.valueToTree(users); // the same names and values as writeValueAsBytes
    }

    @Override
    public byte[] write(List<User> users) throws Exception {
        return TIMED_MAPPER.writeValueAsBytes(users);
    }
}
