"""The one error type of compare's inputs, and how any error line is printed."""


class CompareError(Exception):
    """A problem with the inputs, shown to the user as one line (exit 1)."""


def one_line(text):
    """Text that prints as one line whatever it echoes (a path, a harness's output):
    control characters, line breaks included, as \\xNN (C1 controls as \\u0080 to \\u009f);
    bytes that were not UTF-8 (which Python keeps in paths and decoded output as lone
    surrogates, surrogateescape) as \\xNN, so every byte can still be read off."""
    out = []
    for c in str(text):
        code = ord(c)
        if 0xDC80 <= code <= 0xDCFF:          # surrogateescape: the byte code - 0xDC00
            out.append(f"\\x{code - 0xDC00:02x}")
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\x{code:02x}")
        elif 0x80 <= code <= 0x9F or 0xD800 <= code <= 0xDFFF:  # C1 controls; other lone surrogates
            out.append(f"\\u{code:04x}")
        else:
            out.append(c)
    return "".join(out)
