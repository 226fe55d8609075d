package dev.crossbench.lane.java.web;

import dev.crossbench.lane.HttpApp;
import java.util.List;

/** One equalised app for the web package's tests, started once per test JVM (/items' records left empty). */
final class TestApp {
    private static WebApp app;

    private TestApp() {}

    static synchronized WebApp get() {
        if (app == null) {
            app = new WebApps(json -> List.of()).get(HttpApp.EQUALISED);
        }
        return app;
    }
}
