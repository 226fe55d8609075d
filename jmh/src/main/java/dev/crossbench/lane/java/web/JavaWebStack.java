package dev.crossbench.lane.java.web;

import dev.crossbench.lane.HttpAnswer;
import dev.crossbench.lane.HttpApp;
import dev.crossbench.lane.HttpTier;
import dev.crossbench.payload.User;
import java.util.List;
import java.util.function.Function;

/**
 * The Java lane's web stack, Spring Boot (Spring MVC) on Jetty, behind the
 * four http ops (lane-abi/OPS.md, "Requests"). Every tier is answered:
 * <ul>
 *   <li>{@code handler}: {@link HandlerRequest}, on the calling thread;</li>
 *   <li>{@code framework}: {@link FrameworkRequest}, Spring's DispatcherServlet
 *       with mock request and response, on the calling thread;</li>
 *   <li>{@code server}: {@link ServerRequest} through Jetty's LocalConnector,
 *       served by Jetty's thread pool while the caller waits;</li>
 *   <li>{@code server-caller}: the same, served on the calling thread.</li>
 * </ul>
 * Safe from many threads; a handle serves one request at a time.
 */
public final class JavaWebStack {
    /** The tiers this stack answers, for versions' {@code http_tiers}. */
    public static final List<HttpTier> TIERS = List.of(HttpTier.values());

    /**
     * The apps with code of their own, for versions' {@code http_apps}: the
     * login as written is the equalised one here (Spring Security's default
     * strength is 10, and Spring MVC blocks no loop), so it is measured once.
     */
    public static final List<HttpApp> APPS = List.of(HttpApp.EQUALISED);

    private final WebApps apps;
    private final KeptRequests kept = new KeptRequests();

    /** {@code bindUsers}: the lane's Jackson bind of a users document, for /items' records. */
    public JavaWebStack(Function<byte[], List<User>> bindUsers) {
        this.apps = new WebApps(bindUsers);
    }

    /** http_keep: prepares the request for the tier (parsed, or a connection opened); returns its handle. */
    public int keep(HttpTier tier, HttpApp app, byte[] request) {
        return kept.keep(open(tier, app, request));
    }

    /** http_run: serves the kept request once; its status in the high 32 bits, its body's length in the low. */
    public long run(int handle) {
        HttpAnswer answer = kept.get(handle).serve();
        return (long) answer.status() << 32 | answer.body().length;
    }

    /** http_check: serves the request once, on a fresh connection for the server tiers, half-closed after the request. */
    public HttpAnswer check(HttpTier tier, HttpApp app, byte[] request) {
        TierRequest fresh = open(tier, app, request);
        try {
            return fresh instanceof ServerRequest server ? server.serveOnce() : fresh.serve();
        } finally {
            fresh.close();
        }
    }

    /** http_release: forgets the request and closes its connection. */
    public void release(int handle) {
        kept.release(handle);
    }

    private TierRequest open(HttpTier tier, HttpApp app, byte[] request) {
        WebApp running = apps.get(app);
        return switch (tier) {
            case HANDLER -> new HandlerRequest(running, RawRequest.parse(request));
            case FRAMEWORK -> new FrameworkRequest(running, RawRequest.parse(request));
            case SERVER -> new ServerRequest(running, request, false);
            case SERVER_CALLER -> new ServerRequest(running, request, true);
        };
    }
}
