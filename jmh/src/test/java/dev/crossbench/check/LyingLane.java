package dev.crossbench.check;

import dev.crossbench.lane.Lane;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;

/**
 * A lane that answers as a real one, but for one method, which lies: what the
 * cross-lane checks must catch. A proxy, so a new op of {@link Lane} needs
 * nothing here.
 */
final class LyingLane {
    /** The lie: the method's arguments, and the real lane's answer to any arguments. */
    interface Lie {
        Object answer(Object[] args, Real real) throws Exception;
    }

    /** The real lane's method, for a lie that bends its input or its output. */
    interface Real {
        Object call(Object... args) throws Exception;
    }

    private LyingLane() {}

    static Lane lying(Lane real, String method, Lie lie) {
        if (Arrays.stream(Lane.class.getMethods()).noneMatch(m -> m.getName().equals(method))) {
            throw new IllegalArgumentException("Lane has no method " + method);
        }
        return (Lane) Proxy.newProxyInstance(Lane.class.getClassLoader(), new Class<?>[] {Lane.class},
                (proxy, called, args) -> {
                    Object[] given = args == null ? new Object[0] : args;
                    return called.getName().equals(method)
                            ? lie.answer(given, realArgs -> invoke(called, real, realArgs))
                            : invoke(called, real, given);
                });
    }

    private static Object invoke(Method method, Lane real, Object[] args) throws Exception {
        try {
            return method.invoke(real, args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
