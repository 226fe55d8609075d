package dev.crossbench.lane;

/**
 * Which JSON library a lane's JSON ops use (OPS.md): the role, not
 * the library, so one benchmark param compares like with like across lanes.
 * The ordinal is the {@code n} the native JSON ops take; a lane without a
 * library for a role fails with "no JSON library N in the LANE lane".
 */
public enum JsonLibrary {
    /** The library a typical service in that runtime uses: Jackson, encoding/json, json + pydantic. */
    USUAL,
    /** The fastest well-known one: fastjson2, sonic, orjson + msgspec. */
    FAST;

    /** The role's name in {@code versions}' json_libraries and in reports: {@code usual}, {@code fast}. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The library for a role name as {@link #id()} spells it. */
    public static JsonLibrary of(String id) {
        for (JsonLibrary library : values()) {
            if (library.id().equals(id)) {
                return library;
            }
        }
        throw new IllegalArgumentException("no JSON library role '" + id + "'; roles: usual, fast");
    }

    @Override
    public String toString() {
        return id();
    }
}
