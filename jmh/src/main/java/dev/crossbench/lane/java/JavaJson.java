package dev.crossbench.lane.java;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crossbench.contract.JsonContract;
import dev.crossbench.lane.JsonLibrary;
import dev.crossbench.payload.User;
import java.util.List;

/**
 * One JSON library as the Java lane uses it for one {@link JsonLibrary} role.
 * Only the library's own calls live here; the checks every library shares
 * (the contract, the post-bind checks, the handles) are in {@link JavaLane},
 * once.
 */
interface JavaJson {
    /** The library's name, a key of the lane's {@code libraries}. */
    String name();

    /** The timed json_tree: parse to the library's generic tree, return the top container's size (0 for a scalar). */
    int treeSize(byte[] json) throws Exception;

    /**
     * The digest ops' tree of a document that has passed the contract,
     * including Jackson's strict parse into {@code strict}: the library's own
     * tree, as a Jackson tree for {@link JsonContract#canonical}.
     */
    JsonNode digestTree(byte[] json, JsonNode strict) throws Exception;

    /** Binds a JSON array of users; null (or null elements) as the library returns them, checked by the caller. */
    List<User> bind(byte[] json) throws Exception;

    /** The bound records as this library serialises them, as a Jackson tree, for the bind digest. */
    JsonNode recordsTree(List<User> users) throws Exception;

    /** The bound records as this library writes a response body. */
    byte[] write(List<User> users) throws Exception;
}
