package dev.crossbench.lane;

import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * The repository crossbench runs from: where the lanes are built
 * ({@code target/}), the corpus lives ({@code corpus/}) and the scripts are.
 */
public final class Home {
    /** Set by the Maven build and the scripts; otherwise derived from where these classes live. */
    public static final String PROPERTY = "crossbench.home";

    private Home() {}

    /** -Dcrossbench.home, else two levels above target/classes or target/benchmarks.jar. */
    public static Path path() {
        String property = System.getProperty(PROPERTY);
        if (property != null) {
            return Path.of(property).toAbsolutePath();
        }
        try {
            Path code = Path.of(Home.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return code.getParent().getParent();
        } catch (URISyntaxException | RuntimeException e) {
            throw new SetupException("cannot tell where crossbench lives: start Java with -D" + PROPERTY + "=<repository>");
        }
    }
}
