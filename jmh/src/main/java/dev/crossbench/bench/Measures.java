package dev.crossbench.bench;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a benchmark method measures, in the words of the results: its op
 * family and variant, the param that names its case, and what it carries into
 * the runtime. The suite writes every benchmark's annotation into env.json
 * (the catalogue, {@code dev.crossbench.suite.Catalogue}), so the report reads
 * what each benchmark is instead of knowing Java class names. A benchmark
 * without it keeps its JMH name in the report.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Measures {
    OpFamily op();

    /** One of the family's {@link OpFamily#variants()}; "" when {@link #variantParam} names it. */
    String variant() default "";

    /** The JMH param whose value is the variant, for a benchmark that runs every variant (the request's tier); or "". */
    String variantParam() default "";

    /** The JMH param whose value names the case (a payload, a size in bytes, a file), or "" if it has none. */
    String caseParam() default "";

    /**
     * Whether the op carries its case's JSON document into the runtime: its
     * size in bytes then sets the crossing toll the row is net of, and its
     * throughput in MB/s. Otherwise the op carries a few bytes, counted as 0.
     */
    boolean carriesDocument() default false;

    /** The benchmark whose times, at each size of its case, are each lane's crossing toll. */
    boolean toll() default false;

    /** For a benchmark with no {@code lane} param: the name it is shown under beside the lanes (the bare JNI call). */
    String reference() default "";

    /** Runs only when the user asks for it (their own JSON files): its absence from a run is not missing. */
    boolean optional() default false;
}
