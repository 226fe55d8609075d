package dev.crossbench.bench;

import java.util.List;
import java.util.Locale;

/**
 * The families of ops the report groups its rows into, in the report's order,
 * each with its variants in order: what a {@link Measures} annotation names.
 * {@link #CROSSING} is the toll of entering a runtime, not work: its rows get
 * no figure net of the crossing.
 */
public enum OpFamily {
    JSON(true, "tree", "bind", "write"),
    BCRYPT(true, "hash", "verify"),
    JWT(true, "sign", "verify"),
    /** One request through a tier of each lane's web stack (its variants are the tiers). */
    REQUEST(true, "handler", "framework", "server", "server-caller"),
    CROSSING(false, "noop", "echo", "jni", "ffm", "jna");

    private final boolean work;
    private final List<String> variants;

    OpFamily(boolean work, String... variants) {
        this.work = work;
        this.variants = List.of(variants);
    }

    /** Its name in the results: {@code json}, {@code crossing}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** False for the crossing itself, whose figures are the toll that the others are net of. */
    public boolean work() {
        return work;
    }

    /** The variants, in the order the report shows them. */
    public List<String> variants() {
        return variants;
    }
}
