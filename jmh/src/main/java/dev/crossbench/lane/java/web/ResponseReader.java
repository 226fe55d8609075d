package dev.crossbench.lane.java.web;

import dev.crossbench.lane.HttpAnswer;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.LocalConnector.LocalEndPoint;
import org.eclipse.jetty.util.BufferUtil;

/**
 * The client side of a server-tier connection: reads what Jetty wrote to the
 * in-memory endpoint until one response is complete (framed by its
 * Content-Length, chunked encoding, or the server closing), with Jetty's
 * response parser, as LocalEndPoint.waitForResponse does, keeping the body.
 * Every wait is bounded: no answer in {@link #TIMEOUT_SECONDS} is a failure
 * naming the request, never a hang.
 */
final class ResponseReader {
    static final long TIMEOUT_SECONDS = 10;

    /** One response, and whether the server will close the connection after it. */
    record Response(HttpAnswer answer, boolean closes) {}

    private final LocalEndPoint endPoint;
    /** Bytes read past the end of the last response (none, unless a server answers twice). */
    private ByteBuffer leftover;

    ResponseReader(LocalEndPoint endPoint) {
        this.endPoint = endPoint;
    }

    /**
     * The next response; status 0 if the server closed the connection without
     * writing one. {@code request} names the request in failures.
     */
    Response read(String request) {
        Collector collector = new Collector();
        HttpParser parser = new HttpParser(collector);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (true) {
            ByteBuffer chunk = leftover != null ? leftover : await(deadline, request);
            leftover = null;
            if (!chunk.hasRemaining()) { // the server shut its side: whatever came is all there is
                parser.atEOF();
                parser.parseNext(BufferUtil.EMPTY_BUFFER);
                if (collector.complete) {
                    return new Response(collector.answer(), true);
                }
                if (collector.status == 0 && collector.failure == null) {
                    return new Response(new HttpAnswer(0, "", new byte[0]), true);
                }
                throw new WebFailure("the server closed the connection in the middle of its answer to " + request
                        + (collector.failure != null ? ": " + collector.failureText() : ""));
            }
            while (chunk.hasRemaining()) {
                int before = chunk.position();
                boolean complete = parser.parseNext(chunk);
                if (collector.failure != null) {
                    throw new WebFailure("the server's answer to " + request + " is not HTTP/1.1: " + collector.failureText());
                }
                if (complete) {
                    leftover = chunk.hasRemaining() ? chunk : null;
                    return new Response(collector.answer(), collector.closes);
                }
                if (chunk.position() == before) {
                    throw new WebFailure("the server's answer to " + request + " cannot be parsed");
                }
            }
        }
    }

    /** The next output of the server: bytes, or an empty buffer once its side is shut. */
    private ByteBuffer await(long deadline, String request) {
        long left = deadline - System.nanoTime();
        ByteBuffer chunk = null;
        if (left > 0) {
            try {
                chunk = endPoint.waitForOutput(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WebFailure("interrupted while waiting for the answer to " + request);
            }
        }
        if (chunk == null) {
            throw new WebFailure("no complete answer to " + request + " within " + TIMEOUT_SECONDS + " s");
        }
        return chunk;
    }

    /** The status and the headers a client acts on, beside what every message has. */
    private static final class Collector extends MessageCollector implements HttpParser.ResponseHandler {
        int status;
        String contentType = "";
        boolean closes;

        HttpAnswer answer() {
            return new HttpAnswer(status, contentType, body.toByteArray());
        }

        @Override
        public void startResponse(HttpVersion version, int status, String reason) {
            this.status = status;
        }

        @Override
        public void parsedHeader(HttpField field) {
            if (field.getHeader() == HttpHeader.CONTENT_TYPE) {
                contentType = field.getValue();
            } else if (field.getHeader() == HttpHeader.CONNECTION && field.contains(HttpHeaderValue.CLOSE.asString())) {
                closes = true;
            }
        }
    }
}
