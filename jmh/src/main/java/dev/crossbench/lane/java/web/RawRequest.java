package dev.crossbench.lane.java.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.util.BufferUtil;

/**
 * A raw HTTP/1.1 request of the corpus, parsed once when a handler or
 * framework request is kept (those tiers take no HTTP bytes), by Jetty's own
 * parser, so these tiers read a request as the server would.
 *
 * @param path the request target's path; {@code query} what follows {@code ?}, or null
 */
record RawRequest(String method, String path, String query, HttpFields headers, byte[] body) {

    /** Parses one complete request; anything else is a {@link WebFailure} naming the request's first line. */
    static RawRequest parse(byte[] bytes) {
        Collector collector = new Collector();
        HttpParser parser = new HttpParser(collector);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining() && !collector.complete && collector.failure == null) {
            int before = buffer.position();
            parser.parseNext(buffer);
            if (buffer.position() == before) {
                break;
            }
        }
        if (!collector.complete && collector.failure == null) {
            parser.atEOF();
            parser.parseNext(BufferUtil.EMPTY_BUFFER);
        }
        if (collector.failure != null || !collector.complete) {
            throw new WebFailure("not one complete HTTP/1.1 request (" + firstLine(bytes) + "): "
                    + (collector.failure != null ? collector.failureText() : "it ends early"));
        }
        if (buffer.hasRemaining()) {
            throw new WebFailure("more than one request (" + firstLine(bytes) + "): " + buffer.remaining() + " bytes after the first");
        }
        String target = collector.target;
        int question = target.indexOf('?');
        return new RawRequest(collector.method, question < 0 ? target : target.substring(0, question),
                question < 0 ? null : target.substring(question + 1), collector.headers.asImmutable(), collector.body.toByteArray());
    }

    /** The request line, for messages. */
    static String firstLine(byte[] request) {
        int end = 0;
        while (end < request.length && end < 200 && request[end] != '\r' && request[end] != '\n') {
            end++;
        }
        return new String(request, 0, end, StandardCharsets.ISO_8859_1);
    }

    /** The request line and headers, beside what every message has. */
    private static final class Collector extends MessageCollector implements HttpParser.RequestHandler {
        String method;
        String target;
        final HttpFields.Mutable headers = HttpFields.build();

        @Override
        public void startRequest(String method, String uri, HttpVersion version) {
            this.method = method;
            this.target = uri;
        }

        @Override
        public void parsedHeader(HttpField field) {
            headers.add(field);
        }
    }
}
