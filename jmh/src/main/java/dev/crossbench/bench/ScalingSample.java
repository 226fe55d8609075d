package dev.crossbench.bench;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What of a benchmark class the suite also runs on 2 threads, unless {@code -t}
 * picks the thread count: the benchmarks named by {@link #methods} (a regular
 * expression matched against the whole method name), with {@link #params}
 * ({@code name=value}) unless the user's {@code -p} sets that param. A class
 * without it runs on 1 thread only. Scaling is a question about the runtime
 * (does a second thread help?), which one op and payload per class answer; the
 * whole matrix on 2 threads would not fit the suite's time budget. {@code -t 2}
 * runs every benchmark on 2 threads.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ScalingSample {
    String methods();

    String[] params() default {};
}
