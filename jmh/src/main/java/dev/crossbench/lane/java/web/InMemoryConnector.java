package dev.crossbench.lane.java.web;

import dev.crossbench.payload.Requests;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.SizeLimitHandler;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.springframework.boot.jetty.servlet.JettyServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Serves the Boot app's Jetty through a {@link LocalConnector} (raw HTTP bytes
 * in memory) instead of the socket Boot would open, with the HTTP settings
 * Boot gave its connector (header size limit and the rest). Also the two
 * things the contract and the harness need of the server:
 * <ul>
 *   <li>a body over 1 MiB is 413: Jetty's {@link SizeLimitHandler} in front
 *       of the app (Spring MVC sets no limit of its own);</li>
 *   <li>Jetty's threads are daemons ({@link DaemonThreads}), so a JMH fork
 *       or the command line ends when its work does.</li>
 * </ul>
 * Runs last among the factory's customizers, after Boot's own.
 */
final class InMemoryConnector implements WebServerFactoryCustomizer<JettyServletWebServerFactory>, Ordered {
    private volatile LocalConnector connector;

    @Override
    public void customize(JettyServletWebServerFactory factory) {
        factory.addServerCustomizers(this::serveInMemory);
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** The connector requests are written to, once the server is built. */
    LocalConnector connector() {
        LocalConnector built = connector;
        if (built == null) {
            throw new WebFailure("the web app's Jetty was built without its in-memory connector");
        }
        return built;
    }

    private void serveInMemory(Server server) {
        Connector[] boots = server.getConnectors();
        if (boots.length != 1 || !(boots[0] instanceof AbstractConnector boot)
                || boot.getConnectionFactory(HttpConnectionFactory.class) == null) {
            throw new WebFailure("Boot gave Jetty " + boots.length + " connectors, not one HTTP/1.1 connector to replace");
        }
        HttpConfiguration http = boot.getConnectionFactory(HttpConnectionFactory.class).getHttpConfiguration();
        ScheduledExecutorScheduler scheduler = DaemonThreads.apply(server);
        LocalConnector local = new LocalConnector(server, null, scheduler, null, 1, new HttpConnectionFactory(http));
        local.setIdleTimeout(boot.getIdleTimeout());
        server.setConnectors(new Connector[] {local});
        SizeLimitHandler limit = new SizeLimitHandler(Requests.MAX_BODY, -1);
        limit.setHandler(server.getHandler());
        server.setHandler(limit);
        connector = local;
    }
}
