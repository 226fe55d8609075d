package dev.crossbench.lane.java.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** http_keep's handles: positive, never reused, looked up from any thread. */
final class KeptRequests {
    private final Map<Integer, TierRequest> kept = new ConcurrentHashMap<>();
    private final AtomicInteger lastHandle = new AtomicInteger();

    int keep(TierRequest request) {
        int handle = lastHandle.incrementAndGet();
        if (handle <= 0) {
            request.close();
            throw new WebFailure("http_keep handles exhausted");
        }
        kept.put(handle, request);
        return handle;
    }

    /** The kept request; an unknown handle (never kept, or released) is OPS.md's failure. */
    TierRequest get(int handle) {
        TierRequest request = kept.get(handle);
        if (request == null) {
            throw unknown(handle);
        }
        return request;
    }

    void release(int handle) {
        TierRequest request = kept.remove(handle);
        if (request == null) {
            throw unknown(handle);
        }
        request.close();
    }

    private static WebFailure unknown(int handle) {
        return new WebFailure("no kept request " + handle);
    }
}
