package dev.crossbench.lane.java.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossbench.payload.Corpus;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.web.context.support.ServletRequestHandledEvent;

/**
 * Which thread runs Spring's DispatcherServlet in each tier that has one, as
 * OPS.md says of the Java lane: the caller's for framework and server-caller,
 * one of Jetty's pool for server. Spring publishes an event on the thread
 * that handled each request.
 */
class TierThreadsTest {
    private static WebApp app;
    private static final List<Thread> handledOn = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        app = TestApp.get();
        app.context().addApplicationListener(event -> {
            if (event instanceof ServletRequestHandledEvent) {
                handledOn.add(Thread.currentThread());
            }
        });
    }

    private static Thread servedOn(TierRequest request) {
        handledOn.clear();
        try {
            assertEquals(200, request.serve().status());
            assertEquals(200, request.serve().status()); // and again on the kept connection
        } finally {
            request.close();
        }
        assertEquals(2, handledOn.size(), "requests Spring handled");
        assertEquals(handledOn.get(0).getName().startsWith("qtp"), handledOn.get(1).getName().startsWith("qtp"));
        return handledOn.get(1);
    }

    private static byte[] json() {
        return Corpus.read("requests/json.http");
    }

    @Test
    void theFrameworkTierRunsOnTheCaller() {
        assertEquals(Thread.currentThread(), servedOn(new FrameworkRequest(app, RawRequest.parse(json()))));
    }

    @Test
    void theServerTierRunsOnJettysPool() {
        Thread thread = servedOn(new ServerRequest(app, json(), false));
        assertNotEquals(Thread.currentThread(), thread);
        assertTrue(thread.getName().startsWith("qtp"), thread.getName() + " is not a thread of Jetty's QueuedThreadPool");
    }

    @Test
    void theServerCallerTierRunsOnTheCaller() {
        assertEquals(Thread.currentThread(), servedOn(new ServerRequest(app, json(), true)));
    }
}
