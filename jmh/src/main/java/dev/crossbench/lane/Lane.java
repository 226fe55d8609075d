package dev.crossbench.lane;

/**
 * One runtime with its usual libraries, answering the ops of crossbench.
 *
 * <p>Every lane does the same work on the same bytes (the contract is in
 * lane-abi/OPS.md) and returns a value derived from the result, so no
 * work can be skipped. Failures of any kind arrive as {@link LaneException}.
 * Get lanes from {@link Lanes}; all are safe to call from many threads.
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

    /** Parses to the runtime's generic tree; returns the top-level container's size (0 for a scalar). */
    int jsonTree(byte[] json);

    /** SHA-256 hex of the RFC 8785 canonical form of the tree that {@link #jsonTree} builds. */
    String jsonTreeDigest(byte[] json);

    /** Binds a JSON array of users into typed records; returns how many. */
    int jsonBind(byte[] json);

    /** SHA-256 hex of the RFC 8785 canonical form of the bound records, serialised back. */
    String jsonBindDigest(byte[] json);

    /** A bcrypt hash of the password at this cost, with a fresh salt. */
    String bcryptHash(byte[] password, int cost);

    /** Whether the password matches the hash; a malformed hash is a {@link LaneException}. */
    boolean bcryptVerify(byte[] password, String hash);

    /** An HS256 JWT of the claims (a JSON object). */
    String jwtSign(byte[] claimsJson, byte[] key);

    /** Verifies an HS256 JWT and returns its claims as a JSON object; rejection is a {@link LaneException}. */
    String jwtVerify(String token, byte[] key);
}
