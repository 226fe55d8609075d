package dev.crossbench.lane.java.web;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.session.DefaultSessionIdManager;
import org.eclipse.jetty.session.HouseKeeper;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/**
 * Makes every thread the Boot app's Jetty starts a daemon, so a JMH fork (or
 * the command line) ends when its work does rather than waiting on the web
 * stack: JMH waits for non-daemon threads after a fork's last benchmark, and
 * Jetty's are non-daemon by default. Three sources: the request thread pool,
 * and the server's scheduler, which the connector's idle timeouts and the
 * sessions' housekeeper use. The server's own scheduler cannot be replaced,
 * so both get a daemon one instead. Apply before the server starts.
 */
final class DaemonThreads {
    private DaemonThreads() {}

    /** Returns the daemon scheduler, started, for the server's connectors. */
    static ScheduledExecutorScheduler apply(Server server) {
        if (server.getThreadPool() instanceof QueuedThreadPool pool) {
            pool.setDaemon(true);
        } else {
            throw new WebFailure("Boot gave Jetty a " + server.getThreadPool().getClass().getName() + ", not a QueuedThreadPool");
        }
        ScheduledExecutorScheduler scheduler = new ScheduledExecutorScheduler("jetty-scheduler", true);
        try {
            scheduler.start(); // now: the sessions' housekeeper needs it started when the web app starts
        } catch (Exception e) {
            throw new WebFailure("Jetty's scheduler did not start: " + e, e);
        }
        DefaultSessionIdManager sessions = new DefaultSessionIdManager(server);
        sessions.setSessionHouseKeeper(new DaemonHouseKeeper(scheduler));
        server.addBean(sessions, true); // the one the web app's session handler finds, instead of making its own
        return scheduler;
    }

    /** Jetty's session scavenger (every 10 minutes, as by default) on the daemon scheduler. */
    private static final class DaemonHouseKeeper extends HouseKeeper {
        DaemonHouseKeeper(ScheduledExecutorScheduler scheduler) {
            _scheduler = scheduler;
        }
    }
}
