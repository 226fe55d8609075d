package dev.crossbench.lane.jni;

/**
 * The JNI entry points of bridge.c, which reaches every native lane library
 * through the C ABI of lane-abi/crossbench_lane.h. Private to this package:
 * callers go through {@link NativeLane}, which the registry hands out behind
 * the contract's CheckedLane, where the inputs are checked. Failures are thrown as
 * {@link NativeFailure}.
 */
final class NativeBridge {
    private NativeBridge() {}

    /** dlopens a lane library and finds its ABI; returns its handle. */
    static native long open(byte[] libraryPath);

    /** Starts the lane's runtime with key=value lines. */
    static native void start(long library, byte[] config);

    /** The lane's index for an op name, or -1 if it does not have the op. */
    static native int opIndex(long library, byte[] opName);

    /** Crosses into the lane's runtime and back. */
    static native void noop(long library);

    /** Crosses from Java into C and back, touching no runtime: the JNI share of every crossing. */
    static native void jniNoop();

    /** Runs one op in the lane; see OPS.md. */
    static native byte[] call(long library, int op, byte[] a, byte[] b, int n);
}
