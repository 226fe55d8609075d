package dev.crossbench.lane.jni;

import dev.crossbench.lane.LaneException;
import dev.crossbench.lane.Printable;

/**
 * What a way into a lane library ({@link LaneCalls}) throws when the lane reports a failure. Carries the
 * lane's UTF-8 message, made printable (a message can echo its input: a NUL,
 * bytes that are not UTF-8); {@link NativeLane} turns it into a
 * {@link LaneException} with the lane and op added, so it never reaches callers.
 */
public final class NativeFailure extends RuntimeException {
    /** Called from bridge.c, and by the other ways in, with the message bytes. */
    public NativeFailure(byte[] utf8Message) {
        super(Printable.utf8(utf8Message), null, false, false);
    }
}
