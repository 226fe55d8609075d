package dev.crossbench.lane;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A lane's runtime version, the versions of the libraries doing its work,
 * settings that shape its numbers (such as Go's GOMAXPROCS), and the names of
 * the ops it answers, as its runtime reports them.
 */
public record LaneInfo(String lane, String runtime, Map<String, String> libraries, Map<String, String> settings,
        List<String> ops) {
    public LaneInfo {
        libraries = Collections.unmodifiableMap(new TreeMap<>(libraries));
        settings = Collections.unmodifiableMap(new TreeMap<>(settings));
        ops = List.copyOf(ops);
    }

    /** One line: {@code go      go1.26.8                  github.com/golang-jwt/jwt/v5 v5.3.1, ...  gomaxprocs=2}. */
    public String describe() {
        StringBuilder line = new StringBuilder(String.format("%-7s %-24s  ", lane, runtime));
        line.append(String.join(", ", libraries.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList()));
        settings.forEach((k, v) -> line.append("  ").append(k).append('=').append(v));
        return line.toString();
    }
}
