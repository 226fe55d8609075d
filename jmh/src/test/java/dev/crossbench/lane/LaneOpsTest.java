package dev.crossbench.lane;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Op} is the one op list: every registered lane answers exactly its
 * ops, as the lane's runtime reports them (a native library's versions result),
 * so an op added in one place and forgotten in another fails here.
 */
class LaneOpsTest {

    @ParameterizedTest
    @MethodSource("dev.crossbench.lane.LaneRegistry#names")
    void everyLaneAnswersExactlyTheOpsOfOp(String lane) {
        List<String> expected = Arrays.stream(Op.values()).map(Op::id).sorted().toList();
        List<String> answered = Lanes.get(lane).info().ops().stream().sorted().toList();
        assertEquals(expected, answered, lane + " answers other ops than Op lists");
    }
}
