package dev.crossbench.lane;

/**
 * The lanes cannot be brought up: something is missing or was started wrongly.
 * The message says what is missing and the command that fixes it.
 */
public final class SetupException extends RuntimeException {
    public SetupException(String message) {
        super(message);
    }

    public SetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
