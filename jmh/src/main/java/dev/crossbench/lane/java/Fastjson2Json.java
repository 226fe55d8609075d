package dev.crossbench.lane.java;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONReader;
import com.alibaba.fastjson2.JSONWriter;
import com.alibaba.fastjson2.TypeReference;
import com.alibaba.fastjson2.annotation.JSONType;
import com.alibaba.fastjson2.writer.ObjectWriterProvider;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossbench.contract.JsonContract;
import dev.crossbench.payload.User;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The fast library of the Java lane: fastjson2, with its defaults except
 * where they would change what a document means:
 * <ul>
 * <li>{@code DisableReferenceDetect}: by default fastjson2 resolves
 * {@code {"$ref":"$"}} objects into references, so a plain document became a
 * cyclic tree, and a bound list could contain itself;</li>
 * <li>the written records keep the record's field order (OPS.md);
 * fastjson2 sorts names by default;</li>
 * <li>{@code WriteNulls}: all 8 fields are written, as the other libraries
 * do; fastjson2 leaves out null fields by default (a user without an email).</li>
 * </ul>
 * Its timed tree is more lenient than Jackson's (comments, single quotes,
 * unquoted names, trailing commas, 1e400 read as null, ...: JsonContractTest's
 * leniency table); the digest ops run the contract and Jackson's strict parse
 * first, in {@link JavaLane}.
 */
final class Fastjson2Json implements JavaJson {
    private static final JSONReader.Feature[] READ = {JSONReader.Feature.DisableReferenceDetect};
    private static final Type USERS = new TypeReference<List<User>>() {}.getType();
    /** A writer provider of our own, so the field order applies to this lane only, not to fastjson2's global default. */
    private static final ObjectWriterProvider WRITERS = new ObjectWriterProvider();

    /** The record's field order, as OPS.md lists it (JavaLaneLibrariesTest holds it to User's components). */
    @JSONType(orders = {"id", "email", "name", "password_hash", "roles", "active", "score", "created_at"})
    private interface UserOrder {}

    static {
        WRITERS.mixIn(User.class, UserOrder.class);
    }

    @Override
    public String name() {
        return "fastjson2";
    }

    @Override
    public int treeSize(byte[] json) {
        Object tree = JSON.parse(json, READ);
        if (tree instanceof Map<?, ?> object) {
            return object.size();
        }
        return tree instanceof List<?> array ? array.size() : 0;
    }

    @Override
    public JsonNode digestTree(byte[] json, JsonNode strict) {
        JsonNode tree = jackson(JSON.parse(json, READ));
        requireSameNumbers(tree, strict);
        return tree;
    }

    /**
     * fastjson2 2.0.57 misreads some long number literals with an exponent
     * (36 or more digits: 4983729823992150048706387164463975006417e-147 reads
     * as 3.8e-138): the digest op refuses such a document rather than hash
     * another value (a documented library difference; JsonContractTest).
     * Walks fastjson2's tree beside Jackson's strict one, which has the same
     * shape (the document passed the strict parse: no duplicate names).
     */
    private static void requireSameNumbers(JsonNode fast, JsonNode strict) {
        if (fast.isNumber()) {
            if (fast.doubleValue() != strict.doubleValue()) { // == on purpose: -0.0 and 0.0 have one canonical form, and fastjson2 drops the sign
                throw new IllegalArgumentException("fastjson2 reads the number " + strict.asText() + " as " + fast.doubleValue());
            }
        } else if (fast.isObject()) {
            fast.fields().forEachRemaining(member -> requireSameNumbers(member.getValue(), strict.get(member.getKey())));
        } else if (fast.isArray()) {
            for (int i = 0; i < fast.size(); i++) {
                requireSameNumbers(fast.get(i), strict.get(i));
            }
        }
    }

    @Override
    public List<User> bind(byte[] json) {
        // fastjson2 binds a lone object as a list of one user; the other libraries refuse it.
        if (firstToken(json) != '[') {
            throw new IllegalArgumentException("not a JSON array of users");
        }
        return JSON.parseObject(json, USERS, READ);
    }

    @Override
    public JsonNode recordsTree(List<User> users) {
        return jackson(JSON.toJSON(users, JSONWriter.Feature.WriteNulls));
    }

    @Override
    public byte[] write(List<User> users) {
        // A context per call, as fastjson2's own toJSONBytes(Object, Feature...) makes one.
        return JSON.toJSONBytes(users, StandardCharsets.UTF_8, new JSONWriter.Context(WRITERS, JSONWriter.Feature.WriteNulls));
    }

    private static int firstToken(byte[] json) {
        for (byte b : json) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return b;
            }
        }
        return -1;
    }

    /**
     * fastjson2's tree as a Jackson tree, so the one canonical writer
     * ({@link JsonContract#canonical}) serves every library. Numbers become
     * the double the contract means: fastjson2 keeps Integer, Long,
     * BigInteger, BigDecimal or Double as it read them.
     */
    static JsonNode jackson(Object value) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (value == null) {
            return nodes.nullNode();
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = nodes.objectNode();
            map.forEach((name, member) -> object.set(String.valueOf(name), jackson(member)));
            return object;
        }
        if (value instanceof List<?> list) {
            ArrayNode array = nodes.arrayNode(list.size());
            list.forEach(element -> array.add(jackson(element)));
            return array;
        }
        if (value instanceof String text) {
            return nodes.textNode(text);
        }
        if (value instanceof Boolean bool) {
            return nodes.booleanNode(bool);
        }
        if (value instanceof Number number) {
            return nodes.numberNode(number.doubleValue());
        }
        throw new IllegalArgumentException("fastjson2 gave a " + value.getClass().getName() + ", not a JSON value");
    }
}
