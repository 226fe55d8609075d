package dev.crossbench.lane.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.crossbench.lane.jni.Delivery;
import dev.crossbench.lane.jni.LaneCalls;
import dev.crossbench.lane.jni.NativeRuntimes;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Path;

/**
 * A lane library reached through the Foreign Function & Memory API (JDK 22 and
 * later), as the JDK's own foreign-call benchmarks do it: downcall handles bound
 * once, and each thread's sink and input segments made once and reused.
 *
 * <p>No handle into a lane is {@code Linker.Option.critical}: its javadoc
 * allows that only for calls that are short and never block, since the JVM
 * cannot reach a safepoint (and so cannot collect garbage) until the call
 * returns; cb_noop and cb_call take the GIL (Python) or may wait for a P or
 * the collector (Go), so a critical call could stall every Java thread, or
 * deadlock with a thread that holds the GIL while it allocates in Java. Only
 * {@link #bareCall}, an empty C function, is critical.
 *
 * <p>The same work as the JNI bridge on both sides: the inputs are copied into
 * C memory (bridge.c copies them too), a result of up to {@link Delivery#RESULT_BUF}
 * bytes comes back in the sink's buffer (filled by the lane, or by the sink's
 * ok in C, foreign_sink.c) and is copied into a new byte[], and a larger one
 * through an upcall that copies it into a new byte[] (bridge.c's NewByteArray
 * and SetByteArrayRegion).
 */
public final class FfmCalls implements LaneCalls {
    private static final Linker LINKER = Linker.nativeLinker();

    /** struct cb_sink of crossbench_lane.h, then the call back for large results (foreign_sink.c). */
    private static final StructLayout SINK = MemoryLayout.structLayout(
            ADDRESS.withName("ok"), ADDRESS.withName("fail"), ADDRESS.withName("buf"),
            JAVA_LONG.withName("cap"), JAVA_LONG.withName("len"), JAVA_INT.withName("filled"),
            MemoryLayout.paddingLayout(4), ADDRESS.withName("large"));
    private static final long OK = offset("ok");
    private static final long FAIL = offset("fail");
    private static final long BUF = offset("buf");
    private static final long CAP = offset("cap");
    private static final long LEN = offset("len");
    private static final long FILLED = offset("filled");
    private static final long LARGE = offset("large");

    /** void (*)(cb_sink *self, void *data, size_t len): ok and fail alike. */
    private static final FunctionDescriptor DELIVER = FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, JAVA_LONG);
    /** The bridge library's C (foreign_sink.c), which the lanes' runtimes were loaded beside. */
    private static final SymbolLookup BRIDGE = SymbolLookup.libraryLookup(NativeRuntimes.bridge(), Arena.global());
    /** ok: copies a result that fits the buffer in C, and calls LARGE_STUB for the others. */
    private static final MemorySegment SINK_OK = find(BRIDGE, "crossbench_sink_ok");
    private static final MemorySegment LARGE_STUB = upcall("large");
    private static final MemorySegment FAIL_STUB = upcall("fail");

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private final MethodHandle noop;
    private final MethodHandle call;
    private final MethodHandle opIndex;

    /** Binds the ABI of an open lane library (the JNI bridge opened and started it: this finds the same copy). */
    public FfmCalls(Path library) {
        SymbolLookup symbols = SymbolLookup.libraryLookup(library, Arena.global());
        noop = LINKER.downcallHandle(find(symbols, "cb_noop"), FunctionDescriptor.ofVoid());
        call = LINKER.downcallHandle(find(symbols, "cb_call"),
                FunctionDescriptor.ofVoid(JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_LONG, ADDRESS));
        opIndex = LINKER.downcallHandle(find(symbols, "cb_op_index"), FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
    }

    @Override
    public int opIndex(byte[] name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment text = arena.allocate(Math.max(1, name.length));
            MemorySegment.copy(name, 0, text, JAVA_BYTE, 0, name.length);
            return (int) opIndex.invokeExact(text, (long) name.length);
        } catch (Throwable e) {
            throw rethrown(e);
        }
    }

    @Override
    public void noop() {
        try {
            noop.invokeExact();
        } catch (Throwable e) {
            throw rethrown(e);
        }
    }

    @Override
    public byte[] call(int op, byte[] a, byte[] b, int n) {
        Scratch scratch = SCRATCH.get();
        int aLen = a == null ? 0 : a.length;
        int bLen = b == null ? 0 : b.length;
        MemorySegment input = scratch.input((long) aLen + bLen);
        if (aLen > 0) {
            MemorySegment.copy(a, 0, input, JAVA_BYTE, 0, aLen);
        }
        if (bLen > 0) {
            MemorySegment.copy(b, 0, input, JAVA_BYTE, aLen, bLen);
        }
        MemorySegment sink = scratch.sink;
        sink.set(JAVA_LONG, LEN, 0);
        sink.set(JAVA_INT, FILLED, 0);
        scratch.delivery.begin();
        // Locals, not conditionals in the call: invokeExact takes an argument's static type, and a conditional's is Object.
        MemorySegment aIn = aLen == 0 ? MemorySegment.NULL : input;
        MemorySegment bIn = bLen == 0 ? MemorySegment.NULL : input.asSlice(aLen);
        try {
            call.invokeExact(op, aIn, (long) aLen, bIn, (long) bLen, (long) n, sink);
        } catch (Throwable e) {
            throw rethrown(e);
        }
        byte[] filled = null;
        if (sink.get(JAVA_INT, FILLED) != 0) {
            filled = scratch.small.asSlice(0, Delivery.filledLength(sink.get(JAVA_LONG, LEN))).toArray(JAVA_BYTE);
        }
        return scratch.delivery.finish(filled);
    }

    /** An empty C function of the bridge's library, called as critical: FFM's bare crossing. */
    public static Runnable bareCall() {
        MethodHandle empty = LINKER.downcallHandle(find(BRIDGE, "crossbench_empty"), FunctionDescriptor.ofVoid(),
                Linker.Option.critical(false));
        return new Bare(empty);
    }

    /** The handle in a final field of its own, so the JIT sees it as a constant once the benchmark inlines run(). */
    private record Bare(MethodHandle empty) implements Runnable {
        @Override
        public void run() {
            try {
                empty.invokeExact();
            } catch (Throwable e) {
                throw rethrown(e);
            }
        }
    }

    /** Each thread's sink, its result buffer and its input buffer: allocated once, reused by every call. */
    private static final class Scratch {
        private final Arena arena = Arena.ofAuto();
        final MemorySegment sink = arena.allocate(SINK);
        final MemorySegment small = arena.allocate(Delivery.RESULT_BUF);
        final Delivery delivery = new Delivery();
        private MemorySegment input = arena.allocate(4096, 16);

        Scratch() {
            sink.set(ADDRESS, OK, SINK_OK);
            sink.set(ADDRESS, FAIL, FAIL_STUB);
            sink.set(ADDRESS, LARGE, LARGE_STUB);
            sink.set(ADDRESS, BUF, small);
            sink.set(JAVA_LONG, CAP, Delivery.RESULT_BUF);
        }

        /** Room for len bytes: grows by doubling, and is never given back (as bridge.c's thread buffer). */
        MemorySegment input(long len) {
            if (input.byteSize() < len) {
                long size = input.byteSize();
                while (size < len) {
                    size *= 2;
                }
                input = arena.allocate(size, 16);
            }
            return input;
        }
    }

    /** A result larger than the sink's buffer: an upcall on the calling thread. Never throws: an exception leaving an upcall ends the JVM. */
    private static void large(MemorySegment self, MemorySegment data, long len) {
        Delivery delivery = SCRATCH.get().delivery;
        try {
            delivery.ok(data.reinterpret(len).toArray(JAVA_BYTE));
        } catch (Throwable e) {
            delivery.error(e);
        }
    }

    /** The sink's fail, as {@link #large}. */
    private static void fail(MemorySegment self, MemorySegment message, long len) {
        Delivery delivery = SCRATCH.get().delivery;
        try {
            delivery.fail(message.reinterpret(len).toArray(JAVA_BYTE));
        } catch (Throwable e) {
            delivery.error(e);
        }
    }

    private static MemorySegment upcall(String name) {
        try {
            MethodHandle target = MethodHandles.lookup().findStatic(FfmCalls.class, name,
                    MethodType.methodType(void.class, MemorySegment.class, MemorySegment.class, long.class));
            return LINKER.upcallStub(target, DELIVER, Arena.global());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MemorySegment find(SymbolLookup symbols, String name) {
        return symbols.find(name).orElseThrow(() -> new IllegalStateException("the library has no symbol " + name));
    }

    private static long offset(String field) {
        return SINK.byteOffset(MemoryLayout.PathElement.groupElement(field));
    }

    private static RuntimeException rethrown(Throwable e) {
        if (e instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (e instanceof Error error) {
            throw error;
        }
        throw new IllegalStateException(e);
    }
}
