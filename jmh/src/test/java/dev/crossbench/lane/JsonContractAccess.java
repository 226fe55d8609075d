package dev.crossbench.lane;

/** The package-private parts of {@link JsonContract} that tests in other packages check. */
public final class JsonContractAccess {
    private JsonContractAccess() {}

    public static String es6Number(double d) {
        return JsonContract.es6Number(d);
    }
}
