package dev.crossbench.bench;

import dev.crossbench.check.CrossLaneChecks;
import dev.crossbench.lane.HttpApp;
import dev.crossbench.lane.HttpTier;
import dev.crossbench.lane.Lane;
import dev.crossbench.lane.LaneInfo;
import dev.crossbench.lane.registry.Lanes;
import dev.crossbench.payload.Corpus;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One request to the articles' endpoints through one tier of each lane's web
 * stack (Spring Boot on Jetty, Gin on net/http, FastAPI on uvicorn;
 * lane-abi/OPS.md, "Requests"), so that the differences between tiers give
 * the layers: {@code handler} (the endpoint's work, no framework),
 * {@code framework} (router, binding, serialisation, no HTTP bytes),
 * {@code server} (raw HTTP/1.1 bytes through the real server over an
 * in-memory keep-alive connection, on the server's own threads) and
 * {@code server-caller} (the same, on the calling thread, where the stack can).
 * Endpoints: {@code GET /json}, {@code POST /auth/login}, {@code GET /items},
 * and the login as the articles wrote it ({@code login-as-written}: each
 * library's default bcrypt cost, FastAPI's async endpoint with bcrypt inline).
 * Each thread keeps its own connection, as each client of a server has one.
 *
 * <p>Run just this: {@code java -jar target/benchmarks.jar Requests -p lane=go -p endpoint=json}
 */
@Warmup(iterations = 8, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@WarmupEvidence(value = "as JsonParse, the longest of the ops a request runs; and an in-JVM stack is first primed with "
        + "GET /json for 12 s (the Java lane rose 160-fold over its first 14 s of requests, then held)",
        nativeIterations = 3)
@ScalingSample(methods = "serve", params = {"tier=server", "endpoint=login,items,login-as-written"})
public class Requests extends SuiteSettings {
    /** The endpoints, in report order: an as-written one is its twin through {@link HttpApp#AS_WRITTEN}. */
    public static final List<String> ENDPOINTS = List.of("json", "login", "items", "login-as-written");

    private static final String AS_WRITTEN = "-as-written";

    /**
     * How long an in-JVM stack is primed: from a cold start, the Java lane's
     * {@code GET /json} through Jetty and Spring rose from 475 to 75,000
     * requests a second over 14 one-second iterations, then held (JMH,
     * -wi 0 -i 40 -r 1s, tier server-caller); with JMH's 4 s after it, 12 s.
     */
    static final int PRIMER_SECONDS = 12;

    /** The lanes and tiers primed in this JVM: once each, where one JVM runs many (the memory pass). */
    private static final Set<String> PRIMED = ConcurrentHashMap.newKeySet();

    /** A system property that sets another primer length in seconds: quick mode's forkless run sets 0. */
    public static final String PRIMER_PROPERTY = "crossbench.requests.primer";

    /** The app an endpoint runs through. */
    public static HttpApp appOf(String endpoint) {
        return endpoint.endsWith(AS_WRITTEN) ? HttpApp.AS_WRITTEN : HttpApp.EQUALISED;
    }

    /**
     * The endpoints a lane's stack times: those whose app has code of its own
     * there (an as-written login that is the equalised one is timed once, as
     * {@code login}); none without a web stack.
     */
    public static List<String> endpointsOf(LaneInfo info) {
        return info.httpTiers().isEmpty() ? List.of()
                : ENDPOINTS.stream().filter(e -> info.httpApps().contains(appOf(e))).toList();
    }

    /** An endpoint's request in one lane and tier, after the lanes have shown they answer it alike. */
    @State(Scope.Benchmark)
    public static class Endpoint {
        /** Set by the suite's plan: every registered lane, unless -p lane= picks some. */
        @Param(EVERY_LANE)
        public String lane;

        /** Set by the suite's plan: every way in the lane has for every op ({@code jni}, {@code ffm}; {@code none} for Java). */
        @Param(EVERY_CROSSING)
        public String crossing;

        /** Set by the suite's plan: every tier the lane's stack answers, unless -p tier= picks some. */
        @Param(EVERY_TIER)
        public String tier;

        /** Set by the suite's plan: every endpoint the lane's stack times ({@link #endpointsOf}), unless -p endpoint= picks some. */
        @Param(EVERY_ENDPOINT)
        public String endpoint;

        Lane runtime;
        HttpTier httpTier;
        HttpApp app;
        byte[] request;

        @Setup
        public void setUp() {
            runtime = BenchSetup.checkedLane(lane, crossing, CrossLaneChecks.REQUEST, endpoint);
            httpTier = HttpTier.of(tier);
            app = appOf(endpoint);
            request = Corpus.read("requests/" + endpoint.replace(AS_WRITTEN, "") + ".http");
            if (Lanes.inJvm(lane) && PRIMED.add(lane + " " + tier)) {
                prime(Integer.getInteger(PRIMER_PROPERTY, PRIMER_SECONDS));
            }
        }

        /**
         * A load test's warm-up for a stack the JIT compiles as it runs:
         * {@code GET /json} through this tier for {@link #PRIMER_SECONDS}, so
         * that the code every endpoint shares (Jetty's parser, Spring's
         * dispatch, Jackson) is compiled before JMH's warm-up, which a
         * bcrypt-bound login, at about 17 requests a second, could not do.
         * Go compiles ahead of time, and CPython 3.11 specialises within a
         * few calls and compiles nothing; their stacks get JMH's
         * warm-up alone.
         */
        private void prime(int seconds) {
            if (seconds <= 0) {
                return;
            }
            byte[] json = Corpus.read("requests/json.http");
            int handle = runtime.httpKeep(httpTier, HttpApp.EQUALISED, json);
            try {
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
                while (System.nanoTime() < end) {
                    runtime.httpRun(handle);
                }
            } finally {
                runtime.httpRelease(handle);
            }
        }
    }

    /** Each thread's own kept request: a connection of its own to the same server. */
    @State(Scope.Thread)
    public static class Connection {
        int handle;

        @Setup
        public void keep(Endpoint endpoint) {
            handle = endpoint.runtime.httpKeep(endpoint.httpTier, endpoint.app, endpoint.request);
        }

        @TearDown
        public void release(Endpoint endpoint) {
            endpoint.runtime.httpRelease(handle);
        }
    }

    @Benchmark
    @Measures(op = OpFamily.REQUEST, variantParam = "tier", caseParam = "endpoint")
    public long serve(Endpoint endpoint, Connection connection) {
        return endpoint.runtime.httpRun(connection.handle);
    }
}
