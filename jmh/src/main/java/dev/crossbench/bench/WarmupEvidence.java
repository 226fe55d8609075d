package dev.crossbench.bench;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Why a benchmark class warms up as long as its {@code @Warmup} says: what the
 * warm-up study measured for it (see {@link SuiteSettings#WARMUP_STUDY}).
 * env.json and the report's Settings section carry it beside the settings.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface WarmupEvidence {
    String value();

    /**
     * Warm-up iterations (of the class's {@code @Warmup} time) for a lane
     * outside the JVM, whose code is compiled before it runs and settles
     * sooner than Java's JIT, where the study says so; 0: the class's own.
     * The suite gives them to every fork of such a lane: a fork's warm-up
     * measures nothing, and forks are what the intervals need.
     */
    int nativeIterations() default 0;
}
