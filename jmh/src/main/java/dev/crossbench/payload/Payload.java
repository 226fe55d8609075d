package dev.crossbench.payload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The generated JSON documents every lane parses: arrays of {@link User}s of
 * about 200 B, 4 KiB and 256 KiB. Deterministic (fixed seed), so every run and
 * every lane sees the same bytes. Names carry non-ASCII text and characters
 * that JSON must escape; scores are full-precision doubles, which makes the
 * lanes' number handling part of what the cross-lane checks compare.
 */
public enum Payload {
    SMALL(200),
    MEDIUM(4 * 1024),
    LARGE(256 * 1024);

    private static final long SEED = 20261123L;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String[] NAMES = {
        "Ada Lovelace", "Zoë Ångström", "李雷", "O'Brien \"Bob\"", "Back\\slash", "Tab\tName", "🚀 Rocket", "Grace Hopper",
    };
    private static final String[] ROLES = {"admin", "user", "editor", "viewer", "billing"};
    private static final String BCRYPT_ALPHABET = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final Instant EPOCH = Instant.parse("2024-01-01T00:00:00Z");

    private final int targetBytes;
    private byte[] bytes;

    Payload(int targetBytes) {
        this.targetBytes = targetBytes;
    }

    /** The JMH parameter value: {@code small}, {@code medium}, {@code large}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Payload of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }

    /** The document (the same array each time: callers must not change it). */
    public synchronized byte[] bytes() {
        if (bytes == null) {
            bytes = generate(targetBytes);
        }
        return bytes;
    }

    /** The fewest users whose JSON array reaches the target size. */
    static byte[] generate(int targetBytes) {
        Random random = new Random(SEED);
        List<User> users = new ArrayList<>();
        int size = 2; // the brackets
        while (size < targetBytes) {
            User user = user(users.size() + 1, random);
            size += json(user).length + (users.isEmpty() ? 0 : 1);
            users.add(user);
        }
        return json(users);
    }

    private static User user(long id, Random random) {
        StringBuilder hash = new StringBuilder("$2a$10$");
        for (int i = 0; i < 53; i++) {
            hash.append(BCRYPT_ALPHABET.charAt(random.nextInt(BCRYPT_ALPHABET.length())));
        }
        List<String> roles = new ArrayList<>();
        for (String role : ROLES) {
            if (random.nextInt(3) == 0) {
                roles.add(role);
            }
        }
        return new User(
                id,
                "user" + id + "@example.com",
                NAMES[random.nextInt(NAMES.length)],
                hash.toString(),
                roles,
                random.nextBoolean(),
                random.nextDouble() * 100,
                EPOCH.plusSeconds(random.nextInt(365 * 24 * 3600)).toString());
    }

    private static byte[] json(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
