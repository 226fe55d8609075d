package dev.crossbench.lane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossbench.lane.registry.Lanes;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Op} is the one op list: every registered lane answers exactly its
 * ops, as the lane's runtime reports them (a native library's versions result),
 * so an op added in one place and forgotten in another fails here; and
 * lane-abi/ops.txt, from which the Go and Python lanes' own tests take the
 * list, is what {@code crossbench ops} prints.
 */
class LaneOpsTest {

    @Test
    void opsTxtIsTheListOfOp() throws IOException {
        List<String> expected = Arrays.stream(Op.values()).map(Op::id).toList();
        List<String> written = Files.readAllLines(Home.path().resolve("lane-abi/ops.txt")).stream()
                .filter(line -> !line.isBlank()).toList();
        assertEquals(expected, written, "lane-abi/ops.txt is not Op's list: rewrite it with "
                + "scripts/crossbench ops > lane-abi/ops.txt (after mvn package)");
    }

    @ParameterizedTest
    @MethodSource("dev.crossbench.lane.registry.LaneRegistry#names")
    void everyLaneAnswersExactlyTheOpsOfOp(String lane) {
        List<String> expected = Arrays.stream(Op.values()).map(Op::id).sorted().toList();
        List<String> answered = Lanes.get(lane).info().ops().stream().sorted().toList();
        assertEquals(expected, answered, lane + " answers other ops than Op lists");
    }

    /**
     * versions' json_libraries (OPS.md): roles that JsonLibrary names (usual in
     * every lane), and for each, every kind of JSON op, a library listed with
     * its version.
     */
    @ParameterizedTest
    @MethodSource("dev.crossbench.lane.registry.LaneRegistry#names")
    void everyLaneNamesTheLibraryOfEveryJsonRoleAndKind(String lane) {
        LaneInfo info = Lanes.get(lane).info();
        assertEquals(info.roles().stream().map(JsonLibrary::id).sorted().toList(),
                info.jsonLibraries().keySet().stream().sorted().toList(), lane + " json_libraries roles JsonLibrary does not name");
        assertTrue(info.roles().contains(JsonLibrary.USUAL), lane + " has no usual JSON library");
        for (JsonLibrary role : info.roles()) {
            for (String kind : List.of("tree", "bind", "write")) {
                String library = info.jsonLibrary(role, kind);
                assertTrue(library != null && info.libraries().containsKey(library),
                        lane + " " + role + " " + kind + ": '" + library + "' is not a key of libraries " + info.libraries().keySet());
            }
        }
    }
}
