package dev.crossbench.lane;

/**
 * Which version of the endpoints a lane serves (lane-abi/OPS.md, "Requests"):
 * only the login differs. Its id is the {@code b} of the native http ops.
 */
public enum HttpApp {
    /** Cost 10 in every lane, and no endpoint blocks an event loop. */
    EQUALISED("equalised"),
    /** Each library's default cost, and FastAPI's login async with bcrypt inline, as the articles' code. */
    AS_WRITTEN("as-written");

    private final String id;

    HttpApp(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static HttpApp of(String id) {
        for (HttpApp app : values()) {
            if (app.id.equals(id)) {
                return app;
            }
        }
        throw new IllegalArgumentException("no app '" + id + "'; apps: equalised, as-written");
    }

    @Override
    public String toString() {
        return id;
    }
}
