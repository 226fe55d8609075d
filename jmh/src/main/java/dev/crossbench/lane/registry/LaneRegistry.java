package dev.crossbench.lane.registry;

import dev.crossbench.lane.WayIn;
import dev.crossbench.lane.java.JavaLane;
import dev.crossbench.lane.jni.NativeRuntimes;
import dev.crossbench.payload.Corpus;
import java.util.List;

/**
 * Every lane, declared once, in the order reports show them. The loader, the
 * command line, the benchmarks' {@code lane} param, the parameterised tests,
 * env.json and so the report all read this list: a new lane is one entry here,
 * its own folder, and its build step.
 */
public final class LaneRegistry {
    private LaneRegistry() {}

    public static final List<LaneSpec> LANES = List.of(
            LaneSpec.inJvm("java", "Java", "#e76f00",
                    "the JVM running the suite",
                    "Jackson, at.favre.lib:bcrypt, com.auth0:java-jwt",
                    JavaLane::new),
            LaneSpec.nativeLibrary("go", "Go", "#00add8",
                    "Go, a cgo c-shared library (native-go)",
                    "encoding/json, golang.org/x/crypto/bcrypt, github.com/golang-jwt/jwt/v5",
                    "libcrossbench_go.so",
                    // The corpus Java reads: the web stack's apps read their files there (native-go/web).
                    home -> "corpus=" + Corpus.dir() + "\n",
                    "go-test"),
            LaneSpec.nativeLibrary("python", "Python", "#f2c12e",
                    "CPython, embedded through its C API (native-py)",
                    "json, pydantic v2, bcrypt (pyca), PyJWT",
                    "libcrossbench_py.so",
                    home -> "python=" + NativeRuntimes.requireBuilt(
                                    NativeRuntimes.overridable("python", "venv", home.resolve("target/venv")).resolve("bin/python"),
                                    "the Python lane's venv")
                            + "\npath=" + home.resolve("native-py") + "\n",
                    "pyperf").reachedAlsoThrough(WayIn.JEP));

    /** The lane names, in order. */
    public static List<String> names() {
        return LANES.stream().map(LaneSpec::name).toList();
    }
}
