package dev.crossbench.bench;

import dev.crossbench.lane.JsonLibrary;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The lane and JSON library of a JSON benchmark: the params every JSON
 * benchmark shares, declared once (JMH reads the {@code @Param} fields of a
 * state's superclasses). {@link JsonPayload} and {@link JsonFiles.File} add
 * the document.
 */
@State(Scope.Benchmark)
public abstract class JsonLane {
    /** Set by the suite's plan: every registered lane, unless -p lane= picks some. */
    @Param(SuiteSettings.EVERY_LANE)
    public String lane;

    /** Set by the suite's plan: every way in the lane has for every op ({@code jni}, {@code ffm}; {@code none} for Java). */
    @Param(SuiteSettings.EVERY_CROSSING)
    public String crossing;

    /** Set by the suite's plan: every {@link JsonLibrary} role the lanes answer, unless -p library= picks some. */
    @Param(SuiteSettings.EVERY_LIBRARY)
    public String library;
}
