package dev.crossbench.lane.java.web;

/**
 * The JSON bodies of the endpoints (OPS.md, "The endpoints"), as records that
 * Spring's Jackson reads and writes: their component names are the members.
 */
final class Bodies {
    private Bodies() {}

    /** GET /json: TechEmpower's JSON test, a new object per request as its rules ask. */
    record Message(String message) {}

    /** POST /auth/login's body: exactly these two members (the mapper refuses others, {@link WebAppConfiguration}). */
    record Login(String email, String password) {}

    /** POST /auth/login's 200 answer. */
    record Token(String token) {}

    /** Every 400 and 401 of the endpoints: {@code {"error":"bad request"}}, {@code {"error":"unauthorized"}}. */
    record Error(String error) {}
}
