package dev.crossbench.lane;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A foreign message echoing its input prints as one readable line: no raw NUL, escape or invalid byte. */
class PrintableTest {

    @Test
    void invalidUtf8BecomesHexAndValidTextStays() {
        byte[] bytes = {'a', (byte) 0xff, 'b', (byte) 0xc3, (byte) 0xa9, (byte) 0xe2, (byte) 0x82, 'c', (byte) 0xf0};
        assertEquals("a\\xffb\u00e9\\xe2\\x82c\\xf0", Printable.utf8(bytes));
    }

    @Test
    void controlCharactersAreEscapedButALaneMessageKeepsItsLines() {
        byte[] bytes = "a\u0000b\u001b[31mc\nd\te\u007f\u0085".getBytes(StandardCharsets.UTF_8);
        assertEquals("a\\x00b\\x1b[31mc\nd\te\\x7f\\u0085", Printable.utf8(bytes));
        assertEquals("a\\x00b\\x1b[31mc\\x0ad\\x09e\\x7f\\u0085", Printable.line(Printable.utf8(bytes)));
    }

    @Test
    void plainTextIsUnchanged() {
        String text = "go json_tree_digest: invalid character 'x' looking for beginning of value \u20ac \ud83d\ude80";
        assertEquals(text, Printable.utf8(text.getBytes(StandardCharsets.UTF_8)));
        assertEquals(text, Printable.line(text));
    }
}
