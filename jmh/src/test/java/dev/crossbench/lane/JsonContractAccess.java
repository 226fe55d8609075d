package dev.crossbench.lane;

/** The package-private parts of {@link JsonContract} that tests in other packages check. */
public final class JsonContractAccess {
    private JsonContractAccess() {}

    public static String shortestEs6(double d) {
        return JsonContract.shortestEs6(d);
    }
}
