package dev.crossbench.lane.jna;

import com.sun.jna.Callback;
import com.sun.jna.CallbackReference;
import com.sun.jna.Memory;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import dev.crossbench.lane.jni.Delivery;
import dev.crossbench.lane.jni.LaneCalls;
import dev.crossbench.lane.jni.NativeRuntimes;
import java.nio.file.Path;

/**
 * A lane library reached through JNA's direct mapping, its fastest way in
 * (native methods bound to C functions; the interface mapping adds a proxy
 * and reflection to every call). The same work as the other ways in: inputs
 * copied into C memory reused by the thread, results of up to
 * {@link Delivery#RESULT_BUF} bytes in the sink's buffer (foreign_sink.c), larger
 * ones through a callback. The suite measures noop and echo through it, the cost
 * most Java code that calls a C library through JNA pays.
 */
public final class JnaCalls implements LaneCalls {
    /** struct cb_sink of crossbench_lane.h on a 64-bit ABI: ok, fail, buf, cap, len, filled (and padding). */
    private static final int OK = 0;
    private static final int FAIL = 8;
    private static final int BUF = 16;
    private static final int CAP = 24;
    private static final int LEN = 32;
    private static final int FILLED = 40;
    /** Then foreign_sink.c's call back for results larger than the buffer. */
    private static final int LARGE = 48;
    private static final int SINK_SIZE = 56;

    /** void (*)(cb_sink *self, void *data, size_t len), as JNA calls back. */
    public interface Deliver extends Callback {
        void invoke(Pointer self, Pointer data, long len);
    }

    // Held for the life of the class: JNA frees a callback's native stub when the Java object is collected.
    private static final Deliver LARGE_CALLBACK = (self, data, len) -> deliver(data, len, false);
    private static final Deliver FAIL_CALLBACK = (self, data, len) -> deliver(data, len, true);
    private static final Pointer LARGE_POINTER = CallbackReference.getFunctionPointer(LARGE_CALLBACK);
    private static final Pointer FAIL_POINTER = CallbackReference.getFunctionPointer(FAIL_CALLBACK);
    /** ok: copies a result that fits the buffer in C, and calls LARGE_CALLBACK for the others (foreign_sink.c). */
    private static final Pointer SINK_OK = NativeLibrary.getInstance(NativeRuntimes.bridge().toString())
            .getFunction("crossbench_sink_ok");

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** The lane ABI as one library's copy of {@link DirectAbi} answers it. */
    public interface Abi {
        void noop();

        int opIndex(byte[] name, long nameLen);

        void call(int op, Pointer a, long aLen, Pointer b, long bLen, long n, Pointer out);
    }

    private final Abi abi;

    /** Binds the ABI of an open lane library (the JNI bridge opened and started it: this finds the same copy). */
    public JnaCalls(Path library) {
        this.abi = DirectAbi.bind(library);
    }

    @Override
    public int opIndex(byte[] name) {
        return abi.opIndex(name, name.length);
    }

    @Override
    public void noop() {
        abi.noop();
    }

    @Override
    public byte[] call(int op, byte[] a, byte[] b, int n) {
        Scratch scratch = SCRATCH.get();
        int aLen = a == null ? 0 : a.length;
        int bLen = b == null ? 0 : b.length;
        Memory input = scratch.input((long) aLen + bLen);
        if (aLen > 0) {
            input.write(0, a, 0, aLen);
        }
        if (bLen > 0) {
            input.write(aLen, b, 0, bLen);
        }
        Memory sink = scratch.sink;
        sink.setLong(LEN, 0);
        sink.setInt(FILLED, 0);
        scratch.delivery.begin();
        abi.call(op, aLen == 0 ? null : input, aLen, bLen == 0 ? null : input.share(aLen), bLen, n, sink);
        byte[] filled = null;
        if (sink.getInt(FILLED) != 0) {
            filled = scratch.small.getByteArray(0, Delivery.filledLength(sink.getLong(LEN)));
        }
        return scratch.delivery.finish(filled);
    }

    /** A large result or a failure, called back on the calling thread; never throws (see {@link Delivery}). */
    private static void deliver(Pointer data, long len, boolean failed) {
        Delivery delivery = SCRATCH.get().delivery;
        try {
            byte[] bytes = len == 0 ? new byte[0] : data.getByteArray(0, Math.toIntExact(len));
            if (failed) {
                delivery.fail(bytes);
            } else {
                delivery.ok(bytes);
            }
        } catch (Throwable e) {
            delivery.error(e);
        }
    }

    /** Each thread's sink, result buffer and input buffer: allocated once, reused by every call. */
    private static final class Scratch {
        final Memory sink = new Memory(SINK_SIZE);
        final Memory small = new Memory(Delivery.RESULT_BUF);
        final Delivery delivery = new Delivery();
        private Memory input = new Memory(4096);

        Scratch() {
            sink.clear();
            sink.setPointer(OK, SINK_OK);
            sink.setPointer(FAIL, FAIL_POINTER);
            sink.setPointer(LARGE, LARGE_POINTER);
            sink.setPointer(BUF, small);
            sink.setLong(CAP, Delivery.RESULT_BUF);
        }

        /** Room for len bytes: grows by doubling, and is never given back (as bridge.c's thread buffer). */
        Memory input(long len) {
            if (input.size() < len) {
                long size = input.size();
                while (size < len) {
                    size *= 2;
                }
                input = new Memory(size);
            }
            return input;
        }
    }
}
