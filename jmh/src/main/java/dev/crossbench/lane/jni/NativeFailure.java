package dev.crossbench.lane.jni;

import dev.crossbench.lane.LaneException;
import java.nio.charset.StandardCharsets;

/**
 * What the JNI bridge throws when a native lane reports a failure. Carries the
 * lane's UTF-8 message; {@link NativeLane} turns it into a {@link LaneException}
 * with the lane and op added, so it never reaches callers.
 */
final class NativeFailure extends RuntimeException {
    /** Called from bridge.c with the message bytes. */
    NativeFailure(byte[] utf8Message) {
        super(new String(utf8Message, StandardCharsets.UTF_8), null, false, false);
    }
}
