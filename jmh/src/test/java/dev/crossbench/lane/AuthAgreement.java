package dev.crossbench.lane;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossbench.check.CrossLaneChecks;
import dev.crossbench.lane.registry.Lanes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What the auth contract tests share: tokens with any header and payload bytes,
 * signed right, so a test reaches the claim rules past the signature; and one
 * outcome per lane, to check that every lane decides alike (OPS.md, "Hashes and
 * tokens every lane treats the same").
 */
public final class AuthAgreement {
    public static final byte[] KEY = CrossLaneChecks.JWT_KEY;
    public static final String STANDARD_HEADER = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";

    private AuthAgreement() {}

    /** A lane's answer: {@code ok} with the result, or the rejection's message. */
    public record Outcome(String lane, boolean ok, String value) {
        /** What must be equal across lanes: the result if accepted, the fact of rejection if not. */
        public String verdict() {
            return ok ? "accepts: " + value : "rejects";
        }

        @Override
        public String toString() {
            return lane + " " + (ok ? "accepts: " + value : "rejects: " + value);
        }
    }

    public static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** An HS256 token of these exact header and payload bytes, signed with {@link #KEY}. */
    public static String hs256(byte[] header, byte[] payload) {
        String input = b64(header) + "." + b64(payload);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
            return input + "." + b64(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String hs256(String header, String payload) {
        return hs256(header.getBytes(StandardCharsets.UTF_8), payload.getBytes(StandardCharsets.UTF_8));
    }

    /** Runs the op in every lane; a rejection must be a LaneException naming that lane and op. */
    public static List<Outcome> outcomes(List<Lane> lanes, Op op, Function<Lane, Object> call) {
        List<Outcome> outcomes = new ArrayList<>();
        for (Lane lane : lanes) {
            try {
                outcomes.add(new Outcome(lane.name(), true, String.valueOf(call.apply(lane))));
            } catch (LaneException e) {
                if (!lane.name().equals(e.lane()) || e.op() != op) {
                    throw new AssertionError(lane.name() + " " + op + " failed naming " + e.lane() + " " + e.op() + ": " + e.getMessage());
                }
                String message = e.getMessage();
                int line = message.indexOf('\n');
                outcomes.add(new Outcome(lane.name(), false, line < 0 ? message : message.substring(0, line)));
            }
        }
        return outcomes;
    }

    /** Every lane accepts with the same result, or every lane rejects; returns the common outcome. */
    public static Outcome agree(String what, List<Lane> lanes, Op op, Function<Lane, Object> call) {
        List<Outcome> outcomes = outcomes(lanes, op, call);
        if (outcomes.stream().map(Outcome::verdict).distinct().count() > 1) {
            StringBuilder message = new StringBuilder("lanes disagree on " + op + " of " + what + ":");
            outcomes.forEach(o -> message.append("\n    ").append(o));
            throw new AssertionError(message.toString());
        }
        return outcomes.get(0);
    }

    /** Every lane, once behind the Java-side checks and once without them (the runtimes' own checks). */
    public static List<Lane> checkedAndUnchecked() {
        List<Lane> lanes = new ArrayList<>(Lanes.all());
        for (String name : Lanes.NAMES) {
            lanes.add(Lanes.unchecked(name));
        }
        return lanes;
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The same JSON value, numbers compared as doubles (lanes write 1E2, 100.0 or 1e+2 for one number). */
    public static boolean sameJson(String a, String b) {
        try {
            Comparator<JsonNode> numbers = (x, y) -> x.isNumber() && y.isNumber()
                    ? (x.doubleValue() == y.doubleValue() ? 0 : 1)
                    : (x.equals(y) ? 0 : 1);
            return MAPPER.readTree(a).equals(numbers, MAPPER.readTree(b));
        } catch (IOException e) {
            return false;
        }
    }

    public static String printable(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().forEach(c -> out.append(c >= 0x20 && c < 0x7f ? Character.toString(c) : String.format("\\u%04x", c)));
        return out.length() > 300 ? out.substring(0, 300) + "..." : out.toString();
    }
}
