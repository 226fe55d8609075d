package dev.crossbench.lane.jni;

/** The lane library through the JNI bridge (bridge.c): the way in crossbench has always measured. */
final class JniCalls implements LaneCalls {
    private final long library;

    JniCalls(long library) {
        this.library = library;
    }

    @Override
    public int opIndex(byte[] name) {
        return NativeBridge.opIndex(library, name);
    }

    @Override
    public void noop() {
        NativeBridge.noop(library);
    }

    @Override
    public byte[] call(int op, byte[] a, byte[] b, int n) {
        return NativeBridge.call(library, op, a, b, n);
    }
}
