package dev.crossbench.lane.java.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossbench.lane.HttpAnswer;
import dev.crossbench.payload.Corpus;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.eclipse.jetty.server.LocalConnector.LocalEndPoint;
import org.junit.jupiter.api.Test;

/**
 * Two connections to one server have requests in flight at once (OPS.md,
 * "Threads"): a login whose body has only half arrived holds one of Jetty's
 * threads in Spring's read of it, and a request on another connection is
 * answered meanwhile; then the login's body completes and it is answered
 * too. A server that served one request at a time would never answer the
 * second (a failure after ResponseReader's 10 s).
 */
class TwoRequestsInFlightTest {

    @Test
    void aSecondConnectionIsAnsweredWhileTheFirstWaitsForItsBody() {
        WebApp app = TestApp.get();
        byte[] login = Corpus.read("requests/login.http");
        int half = login.length - 20; // the headers and most of the body: Spring waits for the rest
        LocalEndPoint first = app.connector().connect();
        try {
            first.addInputAndExecute(ByteBuffer.wrap(Arrays.copyOf(login, half)));
            ServerRequest second = new ServerRequest(app, Corpus.read("requests/json.http"), false);
            try {
                assertEquals(200, second.serve().status());
            } finally {
                second.close();
            }
            assertTrue(first.isOpen());
            assertEquals(0, first.getOutput().remaining(), "the login answered before its body was complete");
            first.addInputAndExecute(ByteBuffer.wrap(Arrays.copyOfRange(login, half, login.length)));
            HttpAnswer answer = new ResponseReader(first).read("POST /auth/login").answer();
            assertEquals(200, answer.status());
        } finally {
            first.close();
        }
    }
}
