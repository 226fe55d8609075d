package dev.crossbench.lane;

/**
 * The ops every lane answers, named as in lane-abi/OPS.md and in the native
 * libraries' op tables: the one list for Java. Each native library names the
 * ops it answers in its {@code versions} result, and a test holds every lane
 * to exactly this list. (The bare crossing, noop, is not an op but its own
 * ABI call.)
 */
public enum Op {
    ECHO,
    JSON_TREE,
    JSON_TREE_DIGEST,
    JSON_BIND,
    JSON_BIND_DIGEST,
    JSON_KEEP,
    JSON_WRITE,
    JSON_WRITE_DIGEST,
    JSON_RELEASE,
    ALLOC_START,
    ALLOC_STOP,
    BCRYPT_HASH,
    BCRYPT_VERIFY,
    JWT_SIGN,
    JWT_VERIFY,
    HTTP_KEEP,
    HTTP_RUN,
    HTTP_CHECK,
    HTTP_RELEASE,
    VERSIONS,
    /** Never succeeds: proves that a foreign failure comes back as a LaneException. */
    FAIL;

    /** The op's name in OPS.md and in the native op tables, such as {@code json_tree}. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String toString() {
        return id();
    }
}
