package dev.crossbench.suite;

import dev.crossbench.bench.JsonFiles;
import dev.crossbench.bench.SuiteSettings;
import dev.crossbench.lane.LaneInfo;
import dev.crossbench.lane.WayIn;
import dev.crossbench.lane.registry.LaneRegistry;
import dev.crossbench.lane.registry.LaneSpec;
import dev.crossbench.lane.registry.Lanes;
import dev.crossbench.payload.Payload;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** env.json: everything a reader needs to judge or repeat a run (machine, runtimes, libraries, settings, commit). */
final class Environment {
    private Environment() {}

    static Map<String, Object> describe(boolean quick, List<Integer> threads, List<String> jmhArgs, List<String> jsonFiles) throws IOException {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("format", Catalogue.FORMAT);
        env.put("started", OffsetDateTime.now().toString());
        env.put("cpu", firstValue(Path.of("/proc/cpuinfo"), "model name"));
        env.put("cores", Runtime.getRuntime().availableProcessors());
        env.put("memory_bytes", memoryBytes());
        env.put("os", osName());
        env.put("kernel", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        env.put("cpu_frequency", MachineLoad.cpuFrequency());
        Map<String, Object> load = new LinkedHashMap<>();
        load.put("start", MachineLoad.loadAverage());
        env.put("load", load);

        Map<String, Object> jdk = new LinkedHashMap<>();
        jdk.put("vendor", System.getProperty("java.vm.vendor"));
        jdk.put("version", System.getProperty("java.runtime.version"));
        jdk.put("vm", System.getProperty("java.vm.name"));
        jdk.put("home", System.getProperty("java.home"));
        jdk.put("runner_jvm_args", ManagementFactory.getRuntimeMXBean().getInputArguments());
        env.put("jdk", jdk);

        // In the registry's order, which the report follows; title and colour are how it shows each lane.
        Map<String, Object> lanes = new LinkedHashMap<>();
        for (LaneSpec spec : LaneRegistry.LANES) {
            LaneInfo info = Lanes.get(spec.name()).info();
            Map<String, Object> lane = new LinkedHashMap<>();
            lane.put("title", spec.title());
            lane.put("colour", spec.colour());
            lane.put("about", spec.runtime() + ": " + spec.libraries());
            lane.put("runtime", info.runtime());
            lane.put("libraries", info.libraries());
            lane.put("json_libraries", info.jsonLibraries()); // role -> tree/bind/write -> a key of libraries
            lane.put("http_tiers", LaneParam.TIER.answeredBy(info)); // the tiers its web stack has
            lane.put("http_endpoints", LaneParam.ENDPOINT.answeredBy(info)); // the endpoints it times (OPS.md, "Requests")
            lane.put("settings", info.settings());
            if (spec.harness() != null) {
                lane.put("harness", spec.harness()); // its runtime's own harness, for the Agreement section
            }
            lanes.put(spec.name(), lane);
        }
        env.put("lanes", lanes);
        // Each way in: its title, and why this JVM could not use it (absent when it could).
        Map<String, Object> crossings = new LinkedHashMap<>();
        for (WayIn way : WayIn.values()) {
            Map<String, Object> crossing = new LinkedHashMap<>();
            crossing.put("title", way.title());
            crossing.put("every_op", way.everyOp());
            String unavailable = Lanes.unavailable(way);
            if (unavailable != null) {
                crossing.put("unavailable", unavailable);
            }
            crossings.put(way.id(), crossing);
        }
        env.put("crossings", crossings);
        env.put("gomaxprocs", System.getenv("GOMAXPROCS"));
        env.put("ld_preload", System.getenv("LD_PRELOAD"));
        env.put("git", git());

        Map<String, Object> jmh = new LinkedHashMap<>();
        jmh.put("version", org.openjdk.jmh.util.Version.getPlainVersion());
        jmh.put("mode", "thrpt: ops/s over all threads, reported as ns per op per thread (threads / throughput)");
        jmh.put("quick", quick);
        jmh.put("defaults", quick
                ? "warmup 1 x 200 ms, measurement 2 x 200 ms, no forks (every benchmark in one JVM): rough numbers"
                : SuiteSettings.describe());
        if (!quick) {
            jmh.put("warmup_evidence", SuiteSettings.warmupEvidence());
            jmh.put("warmup_study", SuiteSettings.WARMUP_STUDY);
        }
        jmh.put("threads", threads);
        jmh.put("command_line", jmhArgs);
        env.put("jmh", jmh);

        Map<String, Object> payloadBytes = new LinkedHashMap<>();
        for (Payload payload : Payload.values()) {
            payloadBytes.put(payload.id(), payload.bytes().length);
        }
        for (String file : jsonFiles) {
            payloadBytes.put(file, Files.size(Path.of(System.getProperty(JsonFiles.DIR_PROPERTY), file)));
        }
        env.put("payload_bytes", payloadBytes);
        env.put("catalogue", Catalogue.describe());
        return env;
    }

    /** What only the end of a run can tell: the load average then. */
    @SuppressWarnings("unchecked")
    static void recordEnd(Map<String, Object> env) {
        ((Map<String, Object>) env.get("load")).put("end", MachineLoad.loadAverage());
    }

    private static String firstValue(Path file, String key) throws IOException {
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith(key)) {
                return line.substring(line.indexOf(':') + 1).strip();
            }
        }
        return "unknown";
    }

    private static long memoryBytes() throws IOException {
        String total = firstValue(Path.of("/proc/meminfo"), "MemTotal");
        return Long.parseLong(total.replaceAll("[^0-9]", "")) * 1024;
    }

    private static String osName() throws IOException {
        Path release = Path.of("/etc/os-release");
        return Files.exists(release) ? firstValue(release, "PRETTY_NAME").replace("\"", "") : System.getProperty("os.name");
    }

    private static Map<String, Object> git() {
        Map<String, Object> git = new LinkedHashMap<>();
        git.put("commit", run("git", "rev-parse", "HEAD"));
        String status = run("git", "status", "--porcelain", "--untracked-files=no");
        git.put("dirty", status == null ? null : !status.isEmpty());
        return git;
    }

    /** A command's output in the repository, or null if it cannot run (no git, not a checkout). */
    private static String run(String... command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(Lanes.home().toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            builder.environment().remove("LD_PRELOAD"); // libjsig is for JVMs; it warns in other programs
            Process process = builder.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0 ? out : null;
        } catch (IOException | InterruptedException e) {
            return null;
        }
    }
}
