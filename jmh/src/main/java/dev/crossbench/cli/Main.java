package dev.crossbench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossbench.check.CrossLaneChecks.Check;
import dev.crossbench.check.CrossLaneChecks.CheckFailure;
import dev.crossbench.check.CrossLaneChecks;
import dev.crossbench.contract.Digests;
import dev.crossbench.lane.HttpAnswer;
import dev.crossbench.lane.HttpApp;
import dev.crossbench.lane.HttpTier;
import dev.crossbench.lane.JsonLibrary;
import dev.crossbench.lane.Lane;
import dev.crossbench.lane.LaneException;
import dev.crossbench.lane.Op;
import dev.crossbench.lane.Printable;
import dev.crossbench.lane.SetupException;
import dev.crossbench.lane.WayIn;
import dev.crossbench.lane.registry.Lanes;
import dev.crossbench.suite.Catalogue;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code scripts/crossbench}: run any op in any lane by hand, list the lanes,
 * and prove they agree. An op that fails exits 1 with one line on stderr
 * naming lane, op and cause ({@code json-parse}: one such line per file that
 * fails, after the file's name); wrong usage exits 2 with the usage.
 */
@Command(
        name = "crossbench",
        mixinStandardHelpOptions = true,
        description = "Java, Go and CPython answering the same ops in one JVM.",
        subcommands = {
            Main.ListLanes.class,
            Main.ListOps.class,
            Main.PrintCatalogue.class,
            Main.Selfcheck.class,
            Main.JsonParse.class,
            Main.BcryptHash.class,
            Main.BcryptVerify.class,
            Main.JwtSign.class,
            Main.JwtVerify.class,
            Main.Http.class,
        })
public final class Main implements Runnable {
    static final int FAILED = 1;
    static final int USAGE = 2;

    @Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        String notice = dev.crossbench.lane.registry.Jdk.notice();
        if (notice != null) {
            System.err.println(notice);
        }
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command line and returns its exit code: 0 done, 1 the op failed, 2 wrong usage. */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler((e, ignoredArgs) -> {
            err.println("crossbench: " + e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
            e.getCommandLine().usage(err);
            return USAGE;
        });
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof LaneException || e instanceof SetupException || e instanceof IOException) {
                err.println(errorLine(e.getMessage()));
            } else {
                err.println("crossbench: unexpected " + e);
                e.printStackTrace(err);
            }
            return FAILED;
        });
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command");
    }

    /** {@code --lane L}: checked against the lane names while parsing, so a typo is a usage error. */
    static final class LaneOption {
        @Option(names = "--lane", required = true, paramLabel = "LANE", description = "one of: ${COMPLETION-CANDIDATES}",
                converter = LaneName.class, completionCandidates = LaneNames.class)
        String name;

        @Option(names = "--crossing", paramLabel = "WAY", converter = CrossingName.class,
                description = "How Java reaches a native lane: jni (the default), ffm (JDK 22+), jna; jep (Python) "
                        + "only in a JVM started with -Dcrossbench.jep=true.")
        WayIn crossing;

        Lane lane() {
            return crossing == null ? Lanes.get(name) : Lanes.get(name, crossing);
        }
    }

    static final class CrossingName implements CommandLine.ITypeConverter<WayIn> {
        @Override
        public WayIn convert(String value) {
            try {
                return WayIn.of(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** The registered lane names, for --lane's help. */
    static final class LaneNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Lanes.NAMES.iterator();
        }
    }

    static final class LaneName implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (!Lanes.NAMES.contains(value)) {
                throw new CommandLine.TypeConversionException(
                        "no lane '" + value + "'; lanes: " + String.join(", ", Lanes.NAMES));
            }
            return value;
        }
    }

    /** An HMAC key given in hex (a record, not a byte[], which picocli would read as many values). */
    record Key(byte[] bytes) {}

    static final class HexKey implements CommandLine.ITypeConverter<Key> {
        @Override
        public Key convert(String value) {
            try {
                return new Key(HexFormat.of().parseHex(value));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not hex: " + e.getMessage());
            }
        }
    }

    @Command(name = "lanes", description = "One line per lane: name, runtime version, library versions.")
    static final class ListLanes implements Callable<Integer> {
        @Option(names = "--config", description = "Instead, each native lane as a program without a JVM starts it, "
                + "tab-separated: name, library, its runtime's own harness, start config (\\\\, \\n and \\t escaped). "
                + "Loads no runtime.")
        boolean config;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if (config) {
                Lanes.nativeConfig().forEach(spec.commandLine().getOut()::println);
                return 0;
            }
            for (Lane lane : Lanes.all()) {
                spec.commandLine().getOut().println(lane.info().describe());
            }
            return 0;
        }
    }

    @Command(name = "ops", description = "The ops every lane answers (lane-abi/OPS.md), one name a line: "
            + "what lane-abi/ops.txt holds for the Go and Python tests.")
    static final class ListOps implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            for (Op op : Op.values()) {
                spec.commandLine().getOut().println(op.id());
            }
            return 0;
        }
    }

    @Command(name = "catalogue", description = "What each benchmark measures, as JSON: the catalogue env.json "
            + "carries, which scripts/compare reads.")
    static final class PrintCatalogue implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            spec.commandLine().getOut().println(new ObjectMapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(Catalogue.describe()));
            return 0;
        }
    }

    @Command(name = "selfcheck", description = "Runs every cross-lane check; exits 0 only if all pass.")
    static final class Selfcheck implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--crossing", paramLabel = "WAY", converter = CrossingName.class,
                description = "Reach the native lanes through jni (the default), ffm (JDK 22+) or jna; in a JVM started "
                        + "with -Dcrossbench.jep=true, Python is reached through Jep whatever this says.")
        WayIn crossing;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            List<Check> checks = CrossLaneChecks.all(crossing == null ? Lanes.all() : Lanes.allThrough(crossing));
            int failed = 0;
            for (Check check : checks) {
                try {
                    check.run();
                    out.printf("PASS  %-8s %s%n", check.group(), check.name());
                } catch (CheckFailure | LaneException e) {
                    failed++;
                    out.printf("FAIL  %-8s %s%n      %s%n", check.group(), check.name(), e.getMessage().replace("\n", "\n      "));
                }
            }
            out.printf("%d of %d checks passed%n", checks.size() - failed, checks.size());
            return failed == 0 ? 0 : FAILED;
        }
    }

    @Command(name = "json-parse",
            description = "Parses each FILE in the lane and prints the SHA-256 of its RFC 8785 canonical form, as sha256sum does.")
    static final class JsonParse implements Callable<Integer> {
        @CommandLine.Mixin
        LaneOption lane;

        @Option(names = "--library", paramLabel = "ROLE", defaultValue = "usual",
                description = "The lane's JSON library: usual (Jackson, encoding/json, json) or fast (fastjson2, sonic, orjson). Default: ${DEFAULT-VALUE}.")
        String library;

        @Parameters(paramLabel = "FILE", arity = "1..*")
        List<Path> files;

        @Spec
        CommandLine.Model.CommandSpec spec;

        /**
         * A digest line on stdout per file that parses; for one that fails, one
         * line on stderr as for every op (naming the file), and on to the next.
         */
        @Override
        public Integer call() {
            JsonLibrary role;
            try {
                role = JsonLibrary.of(library);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            Lane parser = lane.lane();
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            int failed = 0;
            for (Path file : files) {
                try {
                    out.println(parser.jsonTreeDigest(role, Files.readAllBytes(file)) + "  " + file);
                } catch (LaneException | IOException e) {
                    failed++;
                    out.flush();
                    err.println(errorLine(file + ": " + (e instanceof IOException ? "cannot read: " + e : e.getMessage())));
                }
            }
            return failed == 0 ? 0 : FAILED;
        }
    }

    @Command(name = "bcrypt-hash", description = "Prints a bcrypt hash of PASSWORD.")
    static final class BcryptHash implements Callable<Integer> {
        @CommandLine.Mixin
        LaneOption lane;

        @Option(names = "--cost", defaultValue = "10", description = "4..20 (default: ${DEFAULT-VALUE})")
        int cost;

        @Parameters(paramLabel = "PASSWORD")
        String password;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().getOut().println(lane.lane().bcryptHash(utf8(password), cost));
            return 0;
        }
    }

    @Command(name = "bcrypt-verify", description = "Prints true if PASSWORD matches HASH, else false.")
    static final class BcryptVerify implements Callable<Integer> {
        @CommandLine.Mixin
        LaneOption lane;

        @Parameters(index = "0", paramLabel = "PASSWORD")
        String password;

        @Parameters(index = "1", paramLabel = "HASH")
        String hash;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().getOut().println(lane.lane().bcryptVerify(utf8(password), hash));
            return 0;
        }
    }

    @Command(name = "jwt-sign", description = "Prints an HS256 JWT of CLAIMS_JSON (a JSON object).")
    static final class JwtSign implements Callable<Integer> {
        @CommandLine.Mixin
        LaneOption lane;

        @Option(names = "--key-hex", required = true, paramLabel = "HEX", converter = HexKey.class)
        Key key;

        @Parameters(paramLabel = "CLAIMS_JSON")
        String claims;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().getOut().println(lane.lane().jwtSign(utf8(claims), key.bytes()));
            return 0;
        }
    }

    @Command(name = "jwt-verify", description = "Verifies an HS256 TOKEN and prints its claims as JSON.")
    static final class JwtVerify implements Callable<Integer> {
        @CommandLine.Mixin
        LaneOption lane;

        @Option(names = "--key-hex", required = true, paramLabel = "HEX", converter = HexKey.class)
        Key key;

        @Parameters(paramLabel = "TOKEN")
        String token;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().getOut().println(lane.lane().jwtVerify(token, key.bytes()));
            return 0;
        }
    }

    @Command(name = "http",
            description = "Feeds each FILE's raw HTTP/1.1 request through the lane's web stack and prints the status and "
                    + "the SHA-256 of the body, as sha256sum prints a digest: <status> <sha256>  <file>.")
    static final class Http implements Callable<Integer> {
        @CommandLine.Mixin
        LaneOption lane;

        @Option(names = "--tier", paramLabel = "TIER", defaultValue = "server",
                description = "handler, framework, server or server-caller (default: ${DEFAULT-VALUE})")
        String tier;

        @Option(names = "--app", paramLabel = "APP", defaultValue = "equalised",
                description = "equalised or as-written (default: ${DEFAULT-VALUE})")
        String app;

        @Parameters(paramLabel = "FILE", arity = "1..*")
        List<Path> files;

        @Spec
        CommandLine.Model.CommandSpec spec;

        /**
         * A line on stdout per file that got an answer, a 4xx or 5xx too; one
         * error line on stderr for a file that got none (the server closed the
         * connection) or failed, and on to the next. Exit 0 only if every file
         * got an answer.
         */
        @Override
        public Integer call() {
            HttpTier httpTier;
            HttpApp httpApp;
            try {
                httpTier = HttpTier.of(tier);
                httpApp = HttpApp.of(app);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            Lane server = lane.lane();
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            int failed = 0;
            for (Path file : files) {
                try {
                    HttpAnswer answer = server.httpCheck(httpTier, httpApp, Files.readAllBytes(file));
                    if (answer.status() == 0) {
                        failed++;
                        out.flush();
                        err.println(errorLine(file + ": " + lane.name + " " + httpTier + ": the server closed the connection without an answer"));
                    } else {
                        out.println(answer.status() + " " + Digests.sha256Hex(answer.body()) + "  " + file);
                    }
                } catch (LaneException | IOException e) {
                    failed++;
                    out.flush();
                    err.println(errorLine(file + ": " + (e instanceof IOException ? "cannot read: " + e : e.getMessage())));
                }
            }
            return failed == 0 ? 0 : FAILED;
        }
    }

    /**
     * The one rule for every error of the command line: one line on stderr,
     * {@code crossbench: <what>}; a foreign message's further lines are joined
     * onto it, and control characters are escaped (an error can echo its input).
     */
    static String errorLine(String message) {
        return "crossbench: " + Printable.line(String.join(" | ", String.valueOf(message).strip().split("\\s*\\R\\s*")));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
