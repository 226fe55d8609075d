package dev.crossbench.lane;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A lane's runtime version, the versions of the libraries doing its work,
 * settings that shape its numbers (such as Go's GOMAXPROCS), and the names of
 * the ops it answers, which library plays each {@link JsonLibrary} role
 * for each kind of JSON op ({@code json_libraries}: role -> tree/bind/write ->
 * a name of {@code libraries}), and the tiers of its web stack it serves
 * requests through ({@code http_tiers}, OPS.md "Requests"; none before its
 * stack exists), and the apps its stack builds as code of their own
 * ({@code http_apps}: an app left out is served by the equalised app's code,
 * as Gin's and Spring's logins as written are), as its runtime reports them.
 */
public record LaneInfo(String lane, String runtime, Map<String, String> libraries, Map<String, String> settings,
        List<String> ops, Map<String, Map<String, String>> jsonLibraries, List<HttpTier> httpTiers, List<HttpApp> httpApps) {
    public LaneInfo {
        libraries = Collections.unmodifiableMap(new TreeMap<>(libraries));
        settings = Collections.unmodifiableMap(new TreeMap<>(settings));
        ops = List.copyOf(ops);
        httpTiers = java.util.Arrays.stream(HttpTier.values()).filter(httpTiers::contains).toList();
        httpApps = java.util.Arrays.stream(HttpApp.values()).filter(httpApps::contains).toList();
        Map<String, Map<String, String>> roles = new TreeMap<>();
        jsonLibraries.forEach((role, kinds) -> roles.put(role, Collections.unmodifiableMap(new TreeMap<>(kinds))));
        jsonLibraries = Collections.unmodifiableMap(roles);
    }

    /** The JSON library roles this lane answers, in {@link JsonLibrary}'s order: every lane answers {@code usual}. */
    public List<JsonLibrary> roles() {
        return java.util.Arrays.stream(JsonLibrary.values()).filter(role -> jsonLibraries.containsKey(role.id())).toList();
    }

    /** The library doing one kind of JSON op ({@code tree}, {@code bind}, {@code write}) in a role, or null. */
    public String jsonLibrary(JsonLibrary role, String kind) {
        return jsonLibraries.getOrDefault(role.id(), Map.of()).get(kind);
    }

    /** One line: {@code go      go1.26.8                  github.com/golang-jwt/jwt/v5 v5.3.1, ...  gomaxprocs=2}. */
    public String describe() {
        StringBuilder line = new StringBuilder(String.format("%-7s %-24s  ", lane, runtime));
        line.append(String.join(", ", libraries.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList()));
        settings.forEach((k, v) -> line.append("  ").append(k).append('=').append(v));
        return line.toString();
    }
}
