package dev.crossbench.lane.java.web;

import dev.crossbench.lane.HttpAnswer;

/** A request kept for one tier (http_keep), served as often as asked (http_run), then released. */
interface TierRequest {
    /** Serves the request once and returns the whole answer. */
    HttpAnswer serve();

    /** Frees what the request holds (a server tier's connection); idempotent. */
    void close();
}
