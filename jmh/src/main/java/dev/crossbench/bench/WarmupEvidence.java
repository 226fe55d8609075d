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
}
