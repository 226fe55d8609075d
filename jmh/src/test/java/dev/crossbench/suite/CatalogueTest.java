package dev.crossbench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossbench.lane.Home;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The catalogue that env.json carries, and results/format-1.json, which
 * stands in for it in runs made before it: they describe every benchmark they
 * share alike, and every claim step names rows the suite measures.
 */
class CatalogueTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> DESCRIPTION = List.of("class", "method", "op", "variant", "case_param",
            "carries_document", "toll", "reference", "optional");

    private static JsonNode current() {
        return JSON.valueToTree(Catalogue.describe());
    }

    private static Map<String, JsonNode> byName(JsonNode catalogue) {
        Map<String, JsonNode> benchmarks = new HashMap<>();
        catalogue.path("benchmarks").forEach(b -> benchmarks.put(b.path("benchmark").asText(), b));
        return benchmarks;
    }

    @Test
    void formatOneDescribesTheBenchmarksItSharesWithTheCurrentCatalogueAlike() throws Exception {
        JsonNode formatOne = JSON.readTree(Home.path().resolve("results/format-1.json").toFile());
        assertEquals(1, formatOne.path("format").asInt());
        Map<String, JsonNode> now = byName(current());
        Map<String, JsonNode> then = byName(formatOne.path("catalogue"));
        assertFalse(then.isEmpty());
        for (Map.Entry<String, JsonNode> old : then.entrySet()) {
            JsonNode same = now.get(old.getKey());
            if (same == null) {
                continue; // a benchmark that no longer exists describes old runs only
            }
            for (String field : DESCRIPTION) {
                assertEquals(old.getValue().path(field), same.path(field), old.getKey() + " " + field);
            }
        }
    }

    @Test
    void everyClaimStepNamesAVariantAndParamsThatTheSuiteMeasures() {
        JsonNode catalogue = current();
        assertEquals(List.of("1", "2", "3", "4", "5"), iterable(catalogue.path("claims").fieldNames()));
        catalogue.path("claims").fields().forEachRemaining(claim -> claim.getValue().forEach(step -> {
            boolean found = false;
            for (JsonNode b : catalogue.path("benchmarks")) {
                boolean variant = step.path("variant").asText().isEmpty() || step.path("variant").equals(b.path("variant"))
                        || !b.path("variant_param").asText().isEmpty(); // the benchmark runs every variant of its family
                if (step.path("op").equals(b.path("op")) && variant) {
                    for (String param : step.path("params").asText().split(" ")) {
                        assertTrue(param.isEmpty() || iterable(b.path("params").elements()).stream()
                                .anyMatch(p -> p.asText().equals(param.split("=")[0])), "claim " + claim.getKey() + ": " + step);
                    }
                    found = true;
                }
            }
            assertTrue(found, "claim " + claim.getKey() + " step " + step + " names no benchmark");
        }));
    }

    @Test
    void theEchoIsTheOneTollAndTheBareCallsTheReferences() {
        List<String> tolls = byName(current()).values().stream().filter(b -> b.path("toll").asBoolean())
                .map(b -> b.path("benchmark").asText()).toList();
        assertEquals(List.of("dev.crossbench.bench.Crossing.echo"), tolls);
        List<String> references = byName(current()).values().stream().filter(b -> !b.path("reference").asText().isEmpty())
                .map(b -> b.path("reference").asText() + " " + b.path("params")).sorted().toList();
        assertEquals(List.of("ffm []", "jna []", "jni []"), references, "a reference has no lane param");
    }

    private static <T> List<T> iterable(java.util.Iterator<T> it) {
        List<T> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
