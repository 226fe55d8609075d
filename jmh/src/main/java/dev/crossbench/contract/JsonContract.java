package dev.crossbench.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NumericNode;
import com.fasterxml.jackson.databind.node.ValueNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;

/**
 * The JSON documents every lane treats the same (OPS.md): the limits, and the
 * checks Jackson does not make itself. The Go lane's {@code CheckDocument}
 * and the Python lane's {@code _contract_tree} make the same checks.
 */
public final class JsonContract {
    /** The largest document any JSON op takes. */
    public static final int MAX_DOCUMENT_BYTES = 64 << 20;
    /** The deepest nesting every lane parses (pydantic-core stops at 201); the outermost container is level 1. */
    public static final int MAX_DEPTH = 201;
    /** The longest number literal every lane parses (Jackson's default limit). */
    public static final int MAX_NUMBER_CHARS = 1000;

    private JsonContract() {}

    /**
     * Why Jackson would read these bytes as another encoding than UTF-8, or
     * null: a byte order mark, or a NUL among the first four bytes (Jackson
     * then detects UTF-16 or UTF-32; a NUL is never valid in UTF-8 JSON).
     * Constant time, so the timed ops make this check.
     */
    public static String encodingViolation(byte[] doc) {
        if (doc.length >= 3 && doc[0] == (byte) 0xef && doc[1] == (byte) 0xbb && doc[2] == (byte) 0xbf) {
            return "a byte order mark (EF BB BF) before the document";
        }
        if (doc.length >= 2 && (doc[0] & 0xfe) == 0xfe && (doc[1] & 0xfe) == 0xfe) {
            return "a UTF-16 byte order mark: JSON documents are UTF-8";
        }
        for (int i = 0; i < Math.min(4, doc.length); i++) {
            if (doc[i] == 0) {
                return "a NUL byte at " + i + ": JSON documents are UTF-8";
            }
        }
        return null;
    }

    /**
     * Why the document breaks the contract, or null. Makes every byte-level
     * check: size, encoding, well-formed UTF-8 (no overlong forms, no encoded
     * surrogates, nothing above U+10FFFF), no {@code \\u} escape leaving a lone
     * surrogate, nesting at most {@link #MAX_DEPTH}, number literals at most
     * {@link #MAX_NUMBER_CHARS}. Exact for valid JSON; on invalid JSON it may
     * name another fault than the parser would.
     */
    public static String violation(byte[] doc) {
        try {
            return scan(doc);
        } catch (Violation v) {
            return v.getMessage();
        }
    }

    private static String scan(byte[] doc) {
        if (doc.length > MAX_DOCUMENT_BYTES) {
            return "document is " + doc.length + " bytes, over the limit of " + MAX_DOCUMENT_BYTES;
        }
        String encoding = encodingViolation(doc);
        if (encoding != null) {
            return encoding;
        }
        int depth = 0;
        int number = 0;
        int i = 0;
        while (i < doc.length) {
            int c = doc[i] & 0xff;
            if (c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E') {
                if (++number > MAX_NUMBER_CHARS) {
                    return "a number literal longer than " + MAX_NUMBER_CHARS + " characters";
                }
                i++;
                continue;
            }
            number = 0;
            switch (c) {
                case '[', '{' -> {
                    if (++depth > MAX_DEPTH) {
                        return "nesting deeper than " + MAX_DEPTH + " levels";
                    }
                    i++;
                }
                case ']', '}' -> {
                    depth--;
                    i++;
                }
                case '"' -> i = string(doc, i + 1);
                default -> {
                    if (c >= 0x80) {
                        int n = utf8(doc, i);
                        if (n < 0) {
                            return "not valid UTF-8 at byte " + i;
                        }
                        i += n;
                    } else {
                        i++;
                    }
                }
            }
        }
        return null;
    }

    /** A fault found inside a string; no stack trace, it never leaves this package. */
    static final class Violation extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Violation(String why) {
            super(why, null, false, false);
        }
    }

    /**
     * Checks the string whose contents start at i (UTF-8, escapes, no lone
     * surrogate); returns the index after its closing quote (the length if it
     * has none); throws {@link Violation}. {@link AuthRules} checks tokens' strings with it too.
     */
    static int string(byte[] doc, int i) {
        while (i < doc.length) {
            int c = doc[i] & 0xff;
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\') {
                if (i + 1 >= doc.length) {
                    return doc.length;
                }
                if (doc[i + 1] != 'u') {
                    i += 2;
                    continue;
                }
                int unit = hex4(doc, i + 2);
                if (unit < 0) {
                    return fail("a bad \\u escape at byte " + i);
                }
                if (unit >= 0xd800 && unit <= 0xdbff) {
                    int low = i + 7 < doc.length && doc[i + 6] == '\\' && doc[i + 7] == 'u' ? hex4(doc, i + 8) : -1;
                    if (low < 0xdc00 || low > 0xdfff) {
                        return fail(String.format("a lone surrogate escape \\u%04x at byte %d", unit, i));
                    }
                    i += 12;
                } else if (unit >= 0xdc00 && unit <= 0xdfff) {
                    return fail(String.format("a lone surrogate escape \\u%04x at byte %d", unit, i));
                } else {
                    i += 6;
                }
            } else if (c >= 0x80) {
                int n = utf8(doc, i);
                if (n < 0) {
                    return fail("not valid UTF-8 at byte " + i);
                }
                i += n;
            } else {
                i++;
            }
        }
        return doc.length;
    }

    private static int fail(String why) {
        throw new Violation(why);
    }

    /** The length of the well-formed UTF-8 sequence at i (RFC 3629), or -1. */
    private static int utf8(byte[] doc, int i) {
        int b0 = doc[i] & 0xff;
        int n;
        int lo = 0x80;
        int hi = 0xbf;
        if (b0 >= 0xc2 && b0 <= 0xdf) {
            n = 2;
        } else if (b0 >= 0xe0 && b0 <= 0xef) {
            n = 3;
            lo = b0 == 0xe0 ? 0xa0 : 0x80;
            hi = b0 == 0xed ? 0x9f : 0xbf;
        } else if (b0 >= 0xf0 && b0 <= 0xf4) {
            n = 4;
            lo = b0 == 0xf0 ? 0x90 : 0x80;
            hi = b0 == 0xf4 ? 0x8f : 0xbf;
        } else {
            return -1;
        }
        if (i + n > doc.length) {
            return -1;
        }
        int b1 = doc[i + 1] & 0xff;
        if (b1 < lo || b1 > hi) {
            return -1;
        }
        for (int k = 2; k < n; k++) {
            int b = doc[i + k] & 0xff;
            if (b < 0x80 || b > 0xbf) {
                return -1;
            }
        }
        return n;
    }

    private static int hex4(byte[] doc, int i) {
        if (i + 4 > doc.length) {
            return -1;
        }
        int unit = 0;
        for (int k = i; k < i + 4; k++) {
            int d = Character.digit(doc[k], 16);
            if (d < 0) {
                return -1;
            }
            unit = unit << 4 | d;
        }
        return unit;
    }

    /** A number Jackson read that is not a finite double: 1e400, -1e400, a 400-digit integer. */
    public static final class NonFiniteNumber extends IllegalArgumentException {
        NonFiniteNumber(String number) {
            super("number out of the double range: " + number);
        }
    }

    /**
     * Jackson's node factory, refusing numbers a double cannot hold (Jackson
     * would keep 1e400 as Infinity, which the other lanes reject). The check
     * is one comparison per number, so the timed json_tree makes it.
     */
    public static final class FiniteNodeFactory extends JsonNodeFactory {
        private static final long serialVersionUID = 1L;

        public FiniteNodeFactory() {
            super(false);
        }

        @Override
        public NumericNode numberNode(double v) {
            if (!Double.isFinite(v)) {
                throw new NonFiniteNumber(Double.toString(v));
            }
            return super.numberNode(v);
        }

        @Override
        public ValueNode numberNode(Double value) {
            if (value != null && !Double.isFinite(value)) {
                throw new NonFiniteNumber(value.toString());
            }
            return super.numberNode(value);
        }

        @Override
        public NumericNode numberNode(float v) {
            if (!Float.isFinite(v)) {
                throw new NonFiniteNumber(Float.toString(v));
            }
            return super.numberNode(v);
        }

        @Override
        public ValueNode numberNode(BigInteger v) {
            if (v != null && !Double.isFinite(v.doubleValue())) {
                throw new NonFiniteNumber(v.bitLength() + "-bit integer");
            }
            return super.numberNode(v);
        }

        @Override
        public ValueNode numberNode(BigDecimal v) {
            if (v != null && !Double.isFinite(v.doubleValue())) {
                throw new NonFiniteNumber(v.toString());
            }
            return super.numberNode(v);
        }
    }

    /**
     * The RFC 8785 canonical form of a tree, in UTF-8: members sorted by
     * their names' UTF-16 code units (String's own order, n log n), numbers
     * as ES6 writes a double ({@link #es6Number}), strings with the
     * minimal escapes. Written straight from the tree: serialising it and
     * parsing it again with erdtman's JsonCanonicalizer took twice as long on
     * a 1,000,000-member object.
     */
    public static byte[] canonical(JsonNode tree) {
        StringBuilder out = new StringBuilder();
        canonical(tree, out);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void canonical(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            @SuppressWarnings("unchecked")
            Map.Entry<String, JsonNode>[] members = new Map.Entry[node.size()];
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            for (int i = 0; i < members.length; i++) {
                members[i] = it.next();
            }
            Arrays.sort(members, Map.Entry.comparingByKey());
            out.append('{');
            for (int i = 0; i < members.length; i++) {
                if (i > 0) {
                    out.append(',');
                }
                string(members[i].getKey(), out);
                out.append(':');
                canonical(members[i].getValue(), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                canonical(node.get(i), out);
            }
            out.append(']');
        } else if (node.isTextual()) {
            string(node.textValue(), out);
        } else if (node.isNumber()) {
            out.append(es6Number(node.doubleValue()));
        } else if (node.isBoolean()) {
            out.append(node.booleanValue() ? "true" : "false");
        } else if (node.isNull()) {
            out.append("null");
        } else {
            throw new IllegalArgumentException("not a JSON value: " + node.getNodeType());
        }
    }

    /**
     * A double as ES6 writes it (RFC 8785 section 3.2.2.3): the shortest
     * decimal that reads back as the same double, the closest such, in ES6's
     * layout. Not erdtman's NumberToJSON: it throws on some subnormals (1e-314:
     * "BigInteger would overflow supported range") and JsonFuzzTest found a
     * double on which it did not return in minutes.
     */
    static String es6Number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 0x1p53) {
            return Long.toString((long) d); // integers: ES6 writes every digit below 1e21; -0 is 0
        }
        return shortestEs6(d);
    }

    static String shortestEs6(double d) {
        if (d == 0) {
            return "0";
        }
        BigDecimal exact = new BigDecimal(d);
        // Reading back is monotonic in the precision (more digits are never farther), and 17 always suffice.
        int low = 1;
        int high = 17;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (round(exact, mid).doubleValue() == d) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        BigDecimal shortest = round(exact, low).stripTrailingZeros();
        String digits = shortest.unscaledValue().abs().toString();
        int k = digits.length();
        int n = k - shortest.scale(); // the value is 0.digits x 10^n
        String sign = d < 0 ? "-" : "";
        if (k <= n && n <= 21) {
            return sign + digits + "0".repeat(n - k);
        }
        if (0 < n && n <= 21) {
            return sign + digits.substring(0, n) + "." + digits.substring(n);
        }
        if (-6 < n && n <= 0) {
            return sign + "0." + "0".repeat(-n) + digits;
        }
        int e = n - 1;
        String mantissa = k == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return sign + mantissa + "e" + (e < 0 ? "-" : "+") + Math.abs(e);
    }

    private static BigDecimal round(BigDecimal exact, int precision) {
        return exact.round(new java.math.MathContext(precision, java.math.RoundingMode.HALF_EVEN));
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
