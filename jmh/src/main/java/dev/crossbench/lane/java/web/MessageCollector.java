package dev.crossbench.lane.java.web;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpParser;

/**
 * What Jetty's HTTP parser reports of one message, gathered: its body (after
 * any chunked framing), whether it is complete, and the parser's failure.
 * The request and response collectors add their first line and headers.
 */
abstract class MessageCollector implements HttpParser.HttpHandler {
    final ByteArrayOutputStream body = new ByteArrayOutputStream();
    boolean complete;
    HttpException failure;

    /** The parser's failure in words, such as {@code 400 Bad chunk}. */
    String failureText() {
        return failure == null ? "" : failure.getCode() + " " + failure.getReason();
    }

    @Override
    public boolean content(ByteBuffer item) {
        if (item.hasArray()) {
            body.write(item.array(), item.arrayOffset() + item.position(), item.remaining());
            item.position(item.limit());
        } else {
            byte[] bytes = new byte[item.remaining()];
            item.get(bytes);
            body.writeBytes(bytes);
        }
        return false;
    }

    @Override
    public boolean headerComplete() {
        return false;
    }

    @Override
    public boolean contentComplete() {
        return false;
    }

    /** Stops the parser at the end of the message: what follows belongs to the next. */
    @Override
    public boolean messageComplete() {
        complete = true;
        return true;
    }

    @Override
    public void earlyEOF() {
    }

    @Override
    public void badMessage(HttpException failure) {
        this.failure = failure;
    }
}
