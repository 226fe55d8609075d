package dev.crossbench.lane.jni;

/**
 * What one call's sink received, for the ways in whose sink calls back into
 * Java (FFM's upcalls, JNA's callbacks): the first delivery wins, as in
 * bridge.c, and a callback never throws (an exception escaping an FFM upcall
 * ends the JVM), so anything it fails on is kept for {@link #finish} to throw.
 * One per thread: a call's callbacks run on the thread that made it.
 */
public final class Delivery {
    /** The sink's result buffer, as bridge.c's RESULT_BUF: results up to this size need no call back. */
    public static final int RESULT_BUF = 512;

    private boolean delivered;
    private byte[] result;
    private byte[] failure;
    private Throwable error;

    /** The length the lane set for the result it left in the sink's buffer; beyond the buffer is a broken lane. */
    public static int filledLength(long len) {
        if (len < 0 || len > RESULT_BUF) {
            throw new NativeFailure("the lane filled the result buffer beyond its capacity".getBytes(
                    java.nio.charset.StandardCharsets.US_ASCII));
        }
        return (int) len;
    }

    /** Before each call. */
    public void begin() {
        delivered = false;
        result = null;
        failure = null;
        error = null;
    }

    /** The sink's ok: called by the lane with its result. */
    public void ok(byte[] bytes) {
        if (!delivered) {
            delivered = true;
            result = bytes;
        }
    }

    /** The sink's fail: called by the lane with its UTF-8 message. */
    public void fail(byte[] message) {
        if (!delivered) {
            delivered = true;
            failure = message;
        }
    }

    /** A callback that could not take its delivery (no memory for the copy). */
    public void error(Throwable cause) {
        if (error == null) {
            error = cause;
        }
    }

    /**
     * After the call: the result (from a callback, else {@code filled}, the
     * bytes the lane left in the sink's buffer, or null if it left none), or
     * the lane's failure as a {@link NativeFailure}.
     */
    public byte[] finish(byte[] filled) {
        if (error != null) {
            throw new NativeFailure(("the result could not be taken into Java: " + error).getBytes(
                    java.nio.charset.StandardCharsets.UTF_8));
        }
        if (!delivered && filled != null) {
            ok(filled);
        }
        if (failure != null) {
            throw new NativeFailure(failure);
        }
        if (!delivered) {
            throw new NativeFailure("the lane returned without a result or an error".getBytes(
                    java.nio.charset.StandardCharsets.US_ASCII));
        }
        return result;
    }
}
