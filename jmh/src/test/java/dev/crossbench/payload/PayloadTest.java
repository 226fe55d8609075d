package dev.crossbench.payload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PayloadTest {

    @ParameterizedTest
    @EnumSource(Payload.class)
    void sizeIsCloseToItsTarget(Payload payload) {
        int target = switch (payload) {
            case SMALL -> 200;
            case MEDIUM -> 4 * 1024;
            case LARGE -> 256 * 1024;
        };
        int size = payload.bytes().length;
        assertTrue(size >= target && size < target + 400, payload + " is " + size + " bytes");
    }

    @Test
    void generationIsDeterministic() {
        assertArrayEquals(Payload.generate(4096), Payload.generate(4096));
    }

    @Test
    void everyElementIsAUserWithAllEightFields() throws Exception {
        JsonNode users = new ObjectMapper().readTree(Payload.MEDIUM.bytes());
        assertTrue(users.isArray() && users.size() > 10);
        for (JsonNode user : users) {
            assertEquals(8, user.size(), user.toString());
            assertTrue(user.path("roles").isArray() && user.path("score").isDouble() && user.path("id").isIntegralNumber());
        }
    }
}
