package dev.crossbench.lane.jni;

/**
 * One way into an open lane library's C ABI (lane-abi/crossbench_lane.h): JNI
 * through the bridge, FFM or JNA. {@link NativeLane} encodes, decodes and names
 * failures once for all of them; an implementation only crosses, so the ways in
 * differ in the crossing alone. Safe to call from many threads.
 */
public interface LaneCalls {
    /** The library's index for an op name (ASCII), or -1 if it does not have the op. */
    int opIndex(byte[] name);

    /** cb_noop: crosses into the lane's runtime and back. */
    void noop();

    /**
     * cb_call: runs one op on copies of a and b (either may be null); returns
     * the result the lane delivered, or throws {@link NativeFailure} with its
     * message.
     */
    byte[] call(int op, byte[] a, byte[] b, int n);
}
