package dev.crossbench.lane.jna;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * crossbench_lane.h's functions as JNA direct-mapped natives. Direct mapping
 * binds the natives of one class to one library, and each lane has a library
 * of its own with the same symbols, so every library gets its own copy of this
 * class, defined from the same bytes by a class loader of its own.
 */
public class DirectAbi implements JnaCalls.Abi {
    public static native void cb_noop();

    public static native int cb_op_index(byte[] name, long nameLen);

    public static native void cb_call(int op, Pointer a, long aLen, Pointer b, long bLen, long n, Pointer out);

    // The copy's instance methods call the copy's natives, bound to its library.
    @Override
    public void noop() {
        cb_noop();
    }

    @Override
    public int opIndex(byte[] name, long nameLen) {
        return cb_op_index(name, nameLen);
    }

    @Override
    public void call(int op, Pointer a, long aLen, Pointer b, long bLen, long n, Pointer out) {
        cb_call(op, a, aLen, b, bLen, n, out);
    }

    /** A copy of this class bound to the library; the interface is the parent's, so the caller can hold it. */
    static JnaCalls.Abi bind(Path library) {
        try {
            Class<?> copy = new OwnCopy(DirectAbi.class.getClassLoader()).loadClass(DirectAbi.class.getName());
            Native.register(copy, NativeLibrary.getInstance(library.toString()));
            return (JnaCalls.Abi) copy.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("JNA could not bind " + library + ": " + e, e);
        }
    }

    /** Defines DirectAbi anew from its class file; everything else comes from the parent. */
    private static final class OwnCopy extends ClassLoader {
        OwnCopy(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.equals(DirectAbi.class.getName())) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                        byte[] bytes = in.readAllBytes();
                        loaded = defineClass(name, bytes, 0, bytes.length);
                    } catch (IOException | NullPointerException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
                return loaded;
            }
        }
    }
}
