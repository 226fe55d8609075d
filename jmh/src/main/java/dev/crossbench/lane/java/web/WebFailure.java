package dev.crossbench.lane.java.web;

/**
 * A failure of the web stack with a message that says it all (an unknown
 * handle, a request the tier cannot serve, a server that does not answer):
 * the lane reports the message as it is.
 */
public final class WebFailure extends RuntimeException {
    WebFailure(String message) {
        super(message);
    }

    WebFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
