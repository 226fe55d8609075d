package dev.crossbench.lane.java.web;

import dev.crossbench.payload.Requests;
import java.util.HashMap;
import java.util.Map;

/**
 * The users' store, a stand-in for the database (OPS.md, "The users"): users 1
 * to 1000, user N with id N and email {@code userN@example.com}, all sharing
 * the corpus password's hash, so what bcrypt costs does not depend on the user.
 */
final class Users {
    /** One stored user: what a login looks up. */
    record Stored(long id, String email, byte[] passwordHash) {}

    private final Map<String, Stored> byEmail = new HashMap<>();

    /** The store with every user's hash set to {@code passwordHash} (a bcrypt hash, ASCII). */
    Users(byte[] passwordHash) {
        for (long id = 1; id <= Requests.USERS; id++) {
            String email = "user" + id + "@example.com";
            byEmail.put(email, new Stored(id, email, passwordHash));
        }
    }

    /** The user with that email, or null. */
    Stored find(String email) {
        return byEmail.get(email);
    }
}
