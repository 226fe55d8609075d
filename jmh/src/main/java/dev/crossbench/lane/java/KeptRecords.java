package dev.crossbench.lane.java;

import dev.crossbench.payload.User;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Java lane's json_keep handles: records bound once and written many
 * times (json_write), from any number of threads. The records are immutable
 * (User is a record, its roles an unmodifiable or never-changed list), so a
 * lookup in a concurrent map is all the sharing needs.
 */
final class KeptRecords {
    /** What json_keep bound, and the library that bound it, which also writes it. */
    record Kept(JavaJson library, List<User> users) {}

    private final Map<Integer, Kept> kept = new ConcurrentHashMap<>();
    private final AtomicInteger lastHandle = new AtomicInteger();

    /** Keeps the records; returns their handle, positive and never reused in this lane. */
    int keep(JavaJson library, List<User> users) {
        int handle = lastHandle.incrementAndGet();
        if (handle <= 0) {
            throw new IllegalStateException("json_keep handles exhausted");
        }
        kept.put(handle, new Kept(library, List.copyOf(users)));
        return handle;
    }

    /** The kept records, or null if the handle is unknown (never kept, or released). */
    Kept get(int handle) {
        return kept.get(handle);
    }

    /** Forgets the records; false if the handle is unknown. */
    boolean release(int handle) {
        return kept.remove(handle) != null;
    }
}
