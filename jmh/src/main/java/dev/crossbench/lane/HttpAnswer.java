package dev.crossbench.lane;

import java.util.Arrays;

/**
 * What a stack answered to one request: its status (0 when the server closed
 * the connection without answering), its content type ("" when none) and its
 * body.
 */
public record HttpAnswer(int status, String contentType, byte[] body) {
    /** The media type alone: the content type without parameters such as charset, lower-cased. */
    public String mediaType() {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HttpAnswer a && a.status == status && a.contentType.equals(contentType)
                && Arrays.equals(a.body, body);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * status + contentType.hashCode()) + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return status + " " + contentType + " (" + body.length + " bytes)";
    }
}
