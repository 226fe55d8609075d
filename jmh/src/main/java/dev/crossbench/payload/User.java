package dev.crossbench.payload;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The shared user record of json_bind (OPS.md): what a typical service binds a request into. */
public record User(
        long id,
        String email,
        String name,
        @JsonProperty("password_hash") String passwordHash,
        List<String> roles,
        boolean active,
        double score,
        @JsonProperty("created_at") String createdAt) {}
