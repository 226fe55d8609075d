package dev.crossbench.bench;

import dev.crossbench.check.CrossLaneChecks;
import dev.crossbench.lane.HttpApp;
import dev.crossbench.lane.HttpTier;
import dev.crossbench.lane.Lane;
import dev.crossbench.payload.Corpus;
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
@WarmupEvidence("not yet studied: as JsonParse, the longest of the ops a request runs")
@ScalingSample(methods = "serve", params = {"tier=server", "endpoint=login,items,login-as-written"})
public class Requests extends SuiteSettings {

    /** An endpoint's request in one lane and tier, after the lanes have shown they answer it alike. */
    @State(Scope.Benchmark)
    public static class Endpoint {
        /** Set by the suite's plan: every registered lane, unless -p lane= picks some. */
        @Param(EVERY_LANE)
        public String lane;

        /** Set by the suite's plan: every tier the lane's stack answers, unless -p tier= picks some. */
        @Param(EVERY_TIER)
        public String tier;

        @Param({"json", "login", "items", "login-as-written"})
        public String endpoint;

        Lane runtime;
        HttpTier httpTier;
        HttpApp app;
        byte[] request;

        @Setup
        public void setUp() {
            runtime = BenchSetup.checkedLane(lane, CrossLaneChecks.REQUEST, endpoint);
            httpTier = HttpTier.of(tier);
            app = endpoint.endsWith("-as-written") ? HttpApp.AS_WRITTEN : HttpApp.EQUALISED;
            request = Corpus.read("requests/" + endpoint.replace("-as-written", "") + ".http");
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
