package dev.crossbench.lane;

/**
 * One runtime with its usual libraries, answering the ops of crossbench.
 *
 * <p>Every lane does the same work on the same bytes (the contract is in
 * lane-abi/OPS.md) and returns a value derived from the result, so no
 * work can be skipped. Failures of any kind arrive as {@link LaneException}.
 * Get lanes from {@link dev.crossbench.lane.registry.Lanes}; all are safe to call from many threads.
 */
public interface Lane {

    /** {@code java}, {@code go} or {@code python}. */
    String name();

    /** The runtime's version and the versions of the libraries doing the work. */
    LaneInfo info();

    /** Crosses into the runtime and does nothing: the toll of every call. */
    void noop();

    /** Returns a copy of the payload made by the runtime: the toll with bytes both ways. */
    byte[] echo(byte[] payload);

    /**
     * Parses to the runtime's generic tree with that library; returns the
     * top-level container's size (0 for a scalar).
     */
    int jsonTree(JsonLibrary library, byte[] json);

    /** SHA-256 hex of the RFC 8785 canonical form of the tree that {@link #jsonTree} builds, after the full contract check. */
    String jsonTreeDigest(JsonLibrary library, byte[] json);

    /** Binds a JSON array of users into typed records with that library; returns how many. */
    int jsonBind(JsonLibrary library, byte[] json);

    /** SHA-256 hex of the RFC 8785 canonical form of the bound records, serialised back by the same library. */
    String jsonBindDigest(JsonLibrary library, byte[] json);

    /** Binds as {@link #jsonBind} and keeps the records in the runtime; returns a handle (positive, unique per lane). */
    int jsonKeep(JsonLibrary library, byte[] json);

    /** Serialises the kept records with the library that bound them, keeping nothing; returns the bytes written. */
    int jsonWrite(int handle);

    /** Binds, writes, parses that output back strictly: SHA-256 hex of its RFC 8785 form (equals {@link #jsonBindDigest}). */
    String jsonWriteDigest(JsonLibrary library, byte[] json);

    /** Forgets the kept records; an unknown handle is a {@link LaneException}. */
    void jsonRelease(int handle);

    /** Starts counting the bytes the runtime allocates (resets the count): for an untimed pass. */
    void allocStart();

    /** Stops counting; returns the bytes the runtime allocated since {@link #allocStart}. */
    long allocStop();

    /** A bcrypt hash of the password at this cost, with a fresh salt. */
    String bcryptHash(byte[] password, int cost);

    /** Whether the password matches the hash; a malformed hash is a {@link LaneException}. */
    boolean bcryptVerify(byte[] password, String hash);

    /** An HS256 JWT of the claims (a JSON object). */
    String jwtSign(byte[] claimsJson, byte[] key);

    /** Verifies an HS256 JWT and returns its claims as a JSON object; rejection is a {@link LaneException}. */
    String jwtVerify(String token, byte[] key);

    /**
     * Prepares one raw HTTP/1.1 request for a tier of the lane's web stack,
     * serving that version of the endpoints (OPS.md, "Requests"); returns a
     * handle (positive, unique per lane).
     */
    int httpKeep(HttpTier tier, HttpApp app, byte[] request);

    /** Serves the kept request once; returns its status in the high 32 bits and its body's length in the low. */
    long httpRun(int handle);

    /** Serves the request once on a fresh connection: the whole answer, for the checks. */
    HttpAnswer httpCheck(HttpTier tier, HttpApp app, byte[] request);

    /** Forgets the kept request and closes its connection; an unknown handle is a {@link LaneException}. */
    void httpRelease(int handle);
}
