package dev.crossbench.lane;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Text that is safe to print: a foreign message or an input echoed back can
 * hold a NUL, an escape sequence or bytes that are not UTF-8, which a terminal
 * would act on or mangle. Bytes that are not UTF-8 become {@code \xNN}; control
 * characters become {@code \xNN} (C0 and DEL) or {@code \u0080} to
 * {@code \u009F} (C1), so every byte of the original can still be read off.
 */
public final class Printable {
    private Printable() {}

    /**
     * A lane's UTF-8 message as text: every byte that is not part of valid
     * UTF-8 as {@code \xNN}, control characters escaped, line breaks and tabs
     * kept (a Python traceback keeps its lines).
     */
    public static String utf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        StringBuilder text = new StringBuilder(bytes.length);
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            out.flip();
            escapeControls(out, true, text);
            out.clear();
            if (result.isError()) {
                for (int i = 0; i < result.length(); i++) {
                    text.append(String.format("\\x%02x", in.get() & 0xff));
                }
            } else if (result.isUnderflow()) {
                return text.toString();
            }
        }
    }

    /** One line: every control character escaped, line breaks and tabs too. */
    public static String line(CharSequence text) {
        StringBuilder out = new StringBuilder(text.length());
        escapeControls(text, false, out);
        return out.toString();
    }

    private static void escapeControls(CharSequence text, boolean keepLines, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (keepLines && (c == '\n' || c == '\t')) {
                out.append(c);
            } else if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", (int) c));
            } else if (c >= 0x80 && c <= 0x9f) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
    }
}
