package dev.crossbench.lane.java.web;

import dev.crossbench.lane.HttpAnswer;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.LocalConnector.LocalEndPoint;

/**
 * The server tiers: raw HTTP/1.1 bytes through Jetty (its parser, the Boot
 * app's handlers and filters, Spring's DispatcherServlet, its response
 * writer) over a {@link LocalConnector} connection kept alive between
 * requests, one per handle. Which thread serves is the tier's difference,
 * and Jetty offers both (its own tests use them):
 * <ul>
 *   <li>{@code server}: the request is added with
 *       {@code addInputAndExecute}, so Jetty dispatches the connection's
 *       work to its thread pool, as its selector does for a socket; the
 *       caller waits for the answer;</li>
 *   <li>{@code server-caller}: with {@code addInput}, the endpoint runs the
 *       connection's work (parse, handle, write) on the calling thread
 *       before returning.</li>
 * </ul>
 * If the server closes the connection (after an answer, or idle for Jetty's
 * 30 s), the next serve opens another, as a client would.
 */
final class ServerRequest implements TierRequest {
    private final LocalConnector connector;
    private final byte[] request;
    private final boolean onCaller;
    private final String name;
    private LocalEndPoint endPoint;
    private ResponseReader reader;
    private boolean serverCloses;
    /** Whether the connection has carried a request: only then can its closing explain a missing answer. */
    private boolean used;

    ServerRequest(WebApp app, byte[] request, boolean onCaller) {
        this.connector = app.connector();
        this.request = request.clone();
        this.onCaller = onCaller;
        this.name = RawRequest.firstLine(request);
        connect();
    }

    /**
     * Serves the request on the kept connection. A server may close a
     * connection after an answer without saying so (Jetty does after a 400 for
     * a malformed request), so, as HTTP clients do with a reused connection
     * that closes before answering, the request is written once more on a
     * new one.
     */
    @Override
    public synchronized HttpAnswer serve() {
        if (endPoint == null) {
            throw new WebFailure("the connection of " + name + " is closed");
        }
        boolean reused = used;
        if (serverCloses || !endPoint.isOpen()) {
            reconnect();
            reused = false;
        }
        ResponseReader.Response response = exchange();
        if (response.answer().status() == 0 && reused) {
            reconnect();
            response = exchange();
        }
        if (response.answer().status() == 0) {
            serverCloses = true;
            throw new WebFailure("the server closed the connection without answering " + name);
        }
        serverCloses = response.closes();
        return response.answer();
    }

    private ResponseReader.Response exchange() {
        used = true;
        write(ByteBuffer.wrap(request));
        return reader.read(name);
    }

    private void reconnect() {
        endPoint.close();
        connect();
    }

    /**
     * http_check's exchange, on this request's fresh connection: the request,
     * then everything until the answer is complete or the server closes
     * (status 0 if it closes without one). The client's side stays open, as a
     * keep-alive client's does (OPS.md, http_check); the reader's bound ends
     * a wait for a server that neither answers nor closes.
     */
    synchronized HttpAnswer serveOnce() {
        write(ByteBuffer.wrap(request));
        return reader.read(name).answer();
    }

    @Override
    public synchronized void close() {
        if (endPoint != null) {
            endPoint.close();
            endPoint = null;
        }
    }

    /** Hands the server these bytes: on the calling thread, or for its pool to serve. */
    private void write(ByteBuffer bytes) {
        if (onCaller) {
            endPoint.addInput(bytes);
        } else {
            endPoint.addInputAndExecute(bytes);
        }
    }

    /**
     * A new connection, once Jetty's acceptor has opened it and it waits for
     * input: before that, input would be read on the acceptor's side rather
     * than where the tier says.
     */
    private void connect() {
        LocalEndPoint opened = connector.connect();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ResponseReader.TIMEOUT_SECONDS);
        while (opened.getConnection() == null || !opened.isFillInterested()) {
            if (System.nanoTime() > deadline) {
                opened.close();
                throw new WebFailure("Jetty did not open a connection for " + name + " within " + ResponseReader.TIMEOUT_SECONDS + " s");
            }
            LockSupport.parkNanos(50_000);
        }
        endPoint = opened;
        reader = new ResponseReader(opened);
        serverCloses = false;
        used = false;
    }
}
