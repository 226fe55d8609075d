package dev.crossbench.lane;

/** The ops a lane answers, named as in OPS.md and in the native libraries' op tables. */
public enum Op {
    NOOP,
    ECHO,
    JSON_TREE,
    JSON_TREE_DIGEST,
    JSON_BIND,
    JSON_BIND_DIGEST,
    BCRYPT_HASH,
    BCRYPT_VERIFY,
    JWT_SIGN,
    JWT_VERIFY,
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
