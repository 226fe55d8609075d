package dev.crossbench.lane.jni;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossbench.lane.HttpAnswer;
import dev.crossbench.lane.HttpApp;
import dev.crossbench.lane.HttpTier;
import dev.crossbench.lane.JsonLibrary;
import dev.crossbench.lane.Lane;
import dev.crossbench.lane.LaneException;
import dev.crossbench.lane.LaneInfo;
import dev.crossbench.lane.Op;
import dev.crossbench.lane.SetupException;
import dev.crossbench.lane.WayIn;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A lane whose runtime lives in a native library behind crossbench_lane.h: Go
 * and Python alike, so neither carries glue of its own. Inputs are checked by
 * the contract's {@code CheckedLane}; this class encodes arguments, crosses
 * ({@link LaneCalls}: JNI, FFM or JNA), decodes results and names failures, the
 * same for every way in.
 */
public final class NativeLane implements Lane {
    private static final ObjectMapper VERSIONS_MAPPER = new ObjectMapper();

    private final String name;
    /** The lane's name in messages: with its way in, unless that is JNI. */
    private final String label;
    private final LaneCalls calls;
    /** The library's index for each op, by {@link Op#ordinal()}, found once. */
    private final int[] opIndex = new int[Op.values().length];

    public NativeLane(String name, WayIn wayIn, LaneCalls calls) {
        this.name = name;
        this.label = wayIn == WayIn.JNI ? name : name + " (through " + wayIn.id() + ")";
        this.calls = calls;
        for (Op op : Op.values()) {
            opIndex[op.ordinal()] = calls.opIndex(op.id().getBytes(StandardCharsets.US_ASCII));
            if (opIndex[op.ordinal()] < 0) {
                throw new SetupException("the " + name + " lane's library has no op " + op
                        + ": it is older than this code; rebuild it with: mvn package");
            }
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public LaneInfo info() {
        try {
            JsonNode versions = VERSIONS_MAPPER.readTree(call(Op.VERSIONS, null, null, 0));
            Map<String, String> libraries = new LinkedHashMap<>();
            versions.path("libraries").fields().forEachRemaining(e -> libraries.put(e.getKey(), e.getValue().asText()));
            List<String> ops = new ArrayList<>();
            versions.path("ops").forEach(op -> ops.add(op.asText()));
            Map<String, String> settings = new LinkedHashMap<>();
            versions.fields().forEachRemaining(e -> {
                if (e.getValue().isValueNode() && !e.getKey().equals("runtime")) {
                    settings.put(e.getKey(), e.getValue().asText());
                }
            });
            // role -> op kind -> library name (OPS.md); a lane without the map reports no roles.
            Map<String, Map<String, String>> jsonLibraries = new LinkedHashMap<>();
            versions.path("json_libraries").fields().forEachRemaining(role -> {
                Map<String, String> kinds = new LinkedHashMap<>();
                role.getValue().fields().forEachRemaining(kind -> kinds.put(kind.getKey(), kind.getValue().asText()));
                jsonLibraries.put(role.getKey(), kinds);
            });
            // The web stack's tiers (OPS.md, "Requests"): names of HttpTier; a lane without the list serves none.
            List<HttpTier> httpTiers = new ArrayList<>();
            for (JsonNode tier : versions.path("http_tiers")) {
                httpTiers.add(HttpTier.of(tier.asText()));
            }
            // The apps with code of their own; a lane without the list has none.
            List<HttpApp> httpApps = new ArrayList<>();
            for (JsonNode app : versions.path("http_apps")) {
                httpApps.add(HttpApp.of(app.asText()));
            }
            return new LaneInfo(name, versions.path("runtime").asText(), libraries, settings, ops, jsonLibraries, httpTiers,
                    httpApps);
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw LaneException.of(label, Op.VERSIONS, e);
        }
    }

    @Override
    public void noop() {
        calls.noop();
    }

    @Override
    public byte[] echo(byte[] payload) {
        return call(Op.ECHO, payload, null, 0);
    }

    @Override
    public int jsonTree(JsonLibrary library, byte[] json) {
        return decimal(Op.JSON_TREE, call(Op.JSON_TREE, json, null, library.ordinal()));
    }

    @Override
    public String jsonTreeDigest(JsonLibrary library, byte[] json) {
        return ascii(call(Op.JSON_TREE_DIGEST, json, null, library.ordinal()));
    }

    @Override
    public int jsonBind(JsonLibrary library, byte[] json) {
        return decimal(Op.JSON_BIND, call(Op.JSON_BIND, json, null, library.ordinal()));
    }

    @Override
    public String jsonBindDigest(JsonLibrary library, byte[] json) {
        return ascii(call(Op.JSON_BIND_DIGEST, json, null, library.ordinal()));
    }

    @Override
    public int jsonKeep(JsonLibrary library, byte[] json) {
        return decimal(Op.JSON_KEEP, call(Op.JSON_KEEP, json, null, library.ordinal()));
    }

    @Override
    public int jsonWrite(int handle) {
        return decimal(Op.JSON_WRITE, call(Op.JSON_WRITE, null, null, handle));
    }

    @Override
    public String jsonWriteDigest(JsonLibrary library, byte[] json) {
        return ascii(call(Op.JSON_WRITE_DIGEST, json, null, library.ordinal()));
    }

    @Override
    public void jsonRelease(int handle) {
        call(Op.JSON_RELEASE, null, null, handle);
    }

    @Override
    public void allocStart() {
        call(Op.ALLOC_START, null, null, 0);
    }

    @Override
    public long allocStop() {
        byte[] digits = call(Op.ALLOC_STOP, null, null, 0);
        if (digits.length == 0 || digits.length > 18 || !ascii(digits).chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new LaneException(label, Op.ALLOC_STOP, "the lane answered '" + ascii(digits) + "', not a byte count");
        }
        return Long.parseLong(ascii(digits));
    }

    @Override
    public String bcryptHash(byte[] password, int cost) {
        return ascii(call(Op.BCRYPT_HASH, password, null, cost));
    }

    @Override
    public boolean bcryptVerify(byte[] password, String hash) {
        byte[] result = call(Op.BCRYPT_VERIFY, password, hash.getBytes(StandardCharsets.US_ASCII), 0);
        if (result.length == 1 && (result[0] == '0' || result[0] == '1')) {
            return result[0] == '1';
        }
        throw new LaneException(label, Op.BCRYPT_VERIFY, "the lane answered " + ascii(result) + ", not 1 or 0");
    }

    @Override
    public String jwtSign(byte[] claimsJson, byte[] key) {
        return ascii(call(Op.JWT_SIGN, claimsJson, key, 0));
    }

    @Override
    public String jwtVerify(String token, byte[] key) {
        return new String(call(Op.JWT_VERIFY, token.getBytes(StandardCharsets.US_ASCII), key, 0), StandardCharsets.UTF_8);
    }

    @Override
    public int httpKeep(HttpTier tier, HttpApp app, byte[] request) {
        return decimal(Op.HTTP_KEEP, call(Op.HTTP_KEEP, request, app.id().getBytes(StandardCharsets.US_ASCII), tier.ordinal()));
    }

    @Override
    public long httpRun(int handle) {
        byte[] result = call(Op.HTTP_RUN, null, null, handle);
        int space = indexOf(result, (byte) ' ', 0);
        if (space < 0) {
            throw new LaneException(label, Op.HTTP_RUN, "the lane answered '" + ascii(result) + "', not a status and a length");
        }
        int status = decimal(Op.HTTP_RUN, Arrays.copyOf(result, space));
        int length = decimal(Op.HTTP_RUN, Arrays.copyOfRange(result, space + 1, result.length));
        return (long) status << 32 | length;
    }

    @Override
    public HttpAnswer httpCheck(HttpTier tier, HttpApp app, byte[] request) {
        byte[] result = call(Op.HTTP_CHECK, request, app.id().getBytes(StandardCharsets.US_ASCII), tier.ordinal());
        int first = indexOf(result, (byte) '\n', 0);
        int second = first < 0 ? -1 : indexOf(result, (byte) '\n', first + 1);
        if (second < 0) {
            throw new LaneException(label, Op.HTTP_CHECK, "the lane's answer has no status and content type lines");
        }
        int status = first == 1 && result[0] == '0' ? 0 : decimal(Op.HTTP_CHECK, Arrays.copyOf(result, first));
        return new HttpAnswer(status, new String(result, first + 1, second - first - 1, StandardCharsets.US_ASCII),
                Arrays.copyOfRange(result, second + 1, result.length));
    }

    @Override
    public void httpRelease(int handle) {
        call(Op.HTTP_RELEASE, null, null, handle);
    }

    private static int indexOf(byte[] bytes, byte wanted, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    /** Runs the fail op (OPS.md): always ends in the LaneException it provokes. */
    public void fail(String message, int mode) {
        call(Op.FAIL, message.getBytes(StandardCharsets.UTF_8), null, mode);
        throw new LaneException(label, Op.FAIL, "the fail op returned a result");
    }

    private byte[] call(Op op, byte[] a, byte[] b, int n) {
        try {
            return calls.call(opIndex[op.ordinal()], a, b, n);
        } catch (NativeFailure failure) {
            throw new LaneException(label, op, failure.getMessage());
        }
    }

    private int decimal(Op op, byte[] digits) {
        if (digits.length == 0 || digits.length > 10) {
            throw new LaneException(label, op, "the lane answered '" + ascii(digits) + "', not a count");
        }
        long value = 0;
        for (byte digit : digits) {
            if (digit < '0' || digit > '9') {
                throw new LaneException(label, op, "the lane answered '" + ascii(digits) + "', not a count");
            }
            value = value * 10 + (digit - '0');
        }
        return Math.toIntExact(value);
    }

    private static String ascii(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
