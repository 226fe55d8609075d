package dev.crossbench.lane.jep;

import com.sun.jna.Library;
import com.sun.jna.NativeLibrary;
import dev.crossbench.lane.SetupException;
import dev.crossbench.lane.jni.LaneCalls;
import dev.crossbench.lane.jni.NativeFailure;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The Python lane reached through Jep: CPython embedded by Jep's own native
 * library, calling the lane's own op functions (crossbench_py.jep_glue wraps
 * lane.py's, the functions lane.c calls) through a {@code SharedInterpreter}
 * per Java thread. Inputs cross as Latin-1 Strings (jep_glue.py says why),
 * results come back as byte[]. Sub-interpreters cannot load PyO3 modules (pydantic-core,
 * pyca bcrypt), hence shared ones. A process holds one CPython, so this runs
 * only in a JVM started with {@code -Dcrossbench.jep=true}, where the Python
 * lane's library is never loaded.
 *
 * <p>Jep's Java classes come with the pip package it was built with
 * (site-packages/jep/jep-VERSION.jar; Jep is not on Maven Central), so they
 * are loaded from the venv and called through method handles bound once.
 */
public final class JepCalls implements LaneCalls {
    /** CPython's dlopen flags for its own library: C extensions find its symbols only if it is global. */
    private static final int RTLD_NOW_GLOBAL = 0x2 | 0x100;

    private final MethodHandle newInterpreter;   // () -> SharedInterpreter
    private final MethodHandle exec;             // (Interpreter, String) -> void
    private final MethodHandle getValue;         // (Interpreter, String, Class) -> Object
    private final MethodHandle call;             // (PyCallable, Object[]) -> Object
    private final Class<?> pyCallable;
    private final List<String> opNames;
    private final ThreadLocal<ThreadCalls> perThread = ThreadLocal.withInitial(this::threadCalls);

    /** One thread's interpreter and the callables it made: Jep ties both to the thread. */
    private record ThreadCalls(Object noop, Object[] ops) {}

    /**
     * Starts CPython through Jep from the Python lane's start config (the
     * venv's python and the lane's code path, as cb_start gets them).
     */
    public JepCalls(String startConfig) {
        Map<String, String> config = parse(startConfig);
        Path venvPython = Path.of(config.get("python"));
        Path code = Path.of(config.get("path"));
        Path sitePackages = sitePackages(venvPython.getParent().getParent());
        Path jep = sitePackages.resolve("jep");
        Path jar = jarIn(jep);
        try {
            NativeLibrary.getInstance(libpython(venvPython), Map.of(Library.OPTION_OPEN_FLAGS, RTLD_NOW_GLOBAL));
            ClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, JepCalls.class.getClassLoader());
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Class<?> main = loader.loadClass("jep.MainInterpreter");
            Class<?> shared = loader.loadClass("jep.SharedInterpreter");
            Class<?> interpreter = loader.loadClass("jep.Interpreter");
            Class<?> jepConfig = loader.loadClass("jep.JepConfig");
            pyCallable = loader.loadClass("jep.python.PyCallable");
            lookup.findStatic(main, "setJepLibraryPath", MethodType.methodType(void.class, String.class))
                    .invoke(jep.resolve("libjep.so").toString());
            Object jepConfigValue = lookup.findConstructor(jepConfig, MethodType.methodType(void.class)).invoke();
            lookup.findVirtual(jepConfig, "addIncludePaths", MethodType.methodType(jepConfig, String[].class))
                    .invoke(jepConfigValue, new String[] {sitePackages.toString(), code.toString()});
            lookup.findStatic(shared, "setConfig", MethodType.methodType(void.class, jepConfig)).invoke(jepConfigValue);
            newInterpreter = lookup.findConstructor(shared, MethodType.methodType(void.class))
                    .asType(MethodType.methodType(Object.class));
            exec = lookup.findVirtual(interpreter, "exec", MethodType.methodType(void.class, String.class))
                    .asType(MethodType.methodType(void.class, Object.class, String.class));
            getValue = lookup.findVirtual(interpreter, "getValue", MethodType.methodType(Object.class, String.class, Class.class))
                    .asType(MethodType.methodType(Object.class, Object.class, String.class, Class.class));
            call = lookup.findVirtual(pyCallable, "call", MethodType.methodType(Object.class, Object[].class))
                    .asType(MethodType.methodType(Object.class, Object.class, Object[].class));
            Object first = newInterpreter.invokeExact();
            // Jep appends its include paths; the venv and the lane's code go first, as in the lane's own venv
            // (the base CPython's site-packages may hold other versions of the same libraries).
            exec.invokeExact(first, "import sys\nsys.path[0:0] = [" + pythonString(sitePackages) + ", " + pythonString(code) + "]");
            exec.invokeExact(first, "from crossbench_py import jep_glue, lane");
            exec.invokeExact(first, "lane.check_imports(" + pythonString(sitePackages) + ", " + pythonString(code) + ")");
            Object names = getValue.invokeExact(first, "lane.OP_NAMES", (Class<?>) List.class);
            opNames = ((List<?>) names).stream().map(String::valueOf).toList();
            perThread.set(threadCalls(first));
        } catch (SetupException e) {
            throw e;
        } catch (Throwable e) {
            throw new SetupException("Jep could not start the Python lane (" + jar + "): " + e.getMessage()
                    + ": rebuild the venv with mvn package", e);
        }
    }

    /** Why Jep cannot reach the lane of this start config, or null if its venv has Jep built. */
    public static String missing(String startConfig) {
        try {
            Path jep = sitePackages(Path.of(parse(startConfig).get("python")).getParent().getParent()).resolve("jep");
            jarIn(jep);
            return Files.exists(jep.resolve("libjep.so")) ? null
                    : "Jep's library is not in " + jep + ": run mvn package (native-py/build.sh builds it)";
        } catch (SetupException e) {
            return e.getMessage();
        }
    }

    @Override
    public int opIndex(byte[] name) {
        return opNames.indexOf(new String(name, StandardCharsets.US_ASCII));
    }

    @Override
    public void noop() {
        try {
            Object ignored = call.invokeExact(perThread.get().noop(), new Object[0]);
        } catch (Throwable e) {
            throw new NativeFailure(message(e));
        }
    }

    @Override
    public byte[] call(int op, byte[] a, byte[] b, int n) {
        ThreadCalls calls = perThread.get();
        if (op < 0 || op >= calls.ops().length) {
            throw new NativeFailure(("op index " + op + " is out of range").getBytes(StandardCharsets.US_ASCII));
        }
        Object result;
        try {
            result = call.invokeExact(calls.ops()[op], new Object[] {latin1(a), latin1(b), (long) n});
        } catch (Throwable e) {
            throw new NativeFailure(message(e));
        }
        if (result instanceof byte[] bytes) {
            return bytes;
        }
        // jep_glue returns a failure as lane.describe_error's text.
        throw new NativeFailure(String.valueOf(result).getBytes(StandardCharsets.UTF_8));
    }

    /** The bytes as a Latin-1 String (jep_glue says why), or null. */
    private static String latin1(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private ThreadCalls threadCalls() {
        try {
            return threadCalls(newInterpreter.invokeExact());
        } catch (Throwable e) {
            throw new NativeFailure(("Jep could not make this thread's interpreter: " + e).getBytes(StandardCharsets.UTF_8));
        }
    }

    private ThreadCalls threadCalls(Object interpreter) {
        try {
            exec.invokeExact(interpreter, "from crossbench_py import jep_glue, lane\n_crossbench_calls = jep_glue.calls()");
            Object[] ops = new Object[opNames.size()];
            for (int i = 0; i < ops.length; i++) {
                ops[i] = getValue.invokeExact(interpreter, "_crossbench_calls[" + i + "]", (Class<?>) pyCallable);
            }
            return new ThreadCalls(getValue.invokeExact(interpreter, "lane.noop", (Class<?>) pyCallable), ops);
        } catch (Throwable e) {
            throw new NativeFailure(("Jep could not bind the lane's functions: " + e).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static byte[] message(Throwable e) {
        return String.valueOf(e.getMessage()).getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, String> parse(String startConfig) {
        Map<String, String> config = new java.util.HashMap<>();
        for (String line : startConfig.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                config.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return config;
    }

    private static Path sitePackages(Path venv) {
        try (Stream<Path> lib = Files.list(venv.resolve("lib"))) {
            return lib.map(p -> p.resolve("site-packages")).filter(Files::isDirectory).findFirst()
                    .orElseThrow(() -> new SetupException("no site-packages under " + venv + "/lib: run mvn package"));
        } catch (IOException e) {
            throw new SetupException("the Python lane's venv " + venv + " cannot be read: " + e.getMessage()
                    + ": run mvn package");
        }
    }

    private static Path jarIn(Path jep) {
        try (Stream<Path> files = Files.list(jep)) {
            return files.filter(p -> p.getFileName().toString().matches("jep-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new SetupException("Jep's jar is not in " + jep + ": run mvn package"));
        } catch (IOException e) {
            throw new SetupException("Jep is not installed in the Python lane's venv (no " + jep
                    + "): run mvn package (native-py/build.sh builds it)");
        }
    }

    /** The venv's CPython's shared library, as its sysconfig names it. */
    private static String libpython(Path venvPython) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(venvPython.toString(), "-c",
                "import os, sysconfig; print(os.path.join(sysconfig.get_config_var('LIBDIR'), sysconfig.get_config_var('LDLIBRARY')))")
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (process.waitFor() != 0 || !Files.exists(Path.of(out))) {
            throw new SetupException("the venv's CPython (" + venvPython + ") names no shared library (" + out
                    + "): build CPython with --enable-shared");
        }
        return out;
    }

    private static String pythonString(Path path) {
        return "'" + path.toString().replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
