package dev.crossbench.lane.jna;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import java.nio.file.Path;

/** JNA's bare crossing into C: crossbench_empty of the JNI bridge's library, direct-mapped. */
public final class JnaBare implements Runnable {
    private static native void crossbench_empty();

    private JnaBare() {}

    /** Binds once (JNA registers a class's natives once); the bridge library is the one the lanes loaded. */
    public static synchronized Runnable bind(Path bridgeLibrary) {
        if (!bound) {
            Native.register(JnaBare.class, NativeLibrary.getInstance(bridgeLibrary.toString()));
            bound = true;
        }
        return new JnaBare();
    }

    private static boolean bound;

    @Override
    public void run() {
        crossbench_empty();
    }
}
