package dev.crossbench.lane;

import java.util.Locale;

/**
 * A layer of a lane's web stack that a request can be served through
 * (lane-abi/OPS.md, "Requests"); its ordinal is the {@code n} of the native
 * http ops. The differences between tiers are the layers' costs.
 */
public enum HttpTier {
    /** The endpoint's work called directly: bind, verify, sign, write. */
    HANDLER,
    /** Through the framework's router, binding and serialisation, without HTTP bytes. */
    FRAMEWORK,
    /** Raw HTTP/1.1 bytes through the real server over an in-memory connection, on the server's own threads. */
    SERVER,
    /** As {@link #SERVER}, the server's work on the calling thread: the difference is the hand-off. */
    SERVER_CALLER;

    /** Its name in params and reports: {@code handler}, {@code framework}, {@code server}, {@code server-caller}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static HttpTier of(String id) {
        for (HttpTier tier : values()) {
            if (tier.id().equals(id)) {
                return tier;
            }
        }
        throw new IllegalArgumentException("no HTTP tier '" + id + "'; tiers: handler, framework, server, server-caller");
    }

    @Override
    public String toString() {
        return id();
    }
}
