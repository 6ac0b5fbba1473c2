package org.herald.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatorConfigTest {

    @Test
    void commandLineOptionsWinOverEnvironment() {
        SimulatorConfig config = SimulatorConfig.parse(new String[] {"--port", "8100",
            "--access-token=cli-token", "--app-secret", "cli-secret",
            "--webhook-url", "http://127.0.0.1:8080/herald/api/webhooks/whatsapp"},
                Map.of("SIM_PORT", "9000", "SIM_ACCESS_TOKEN", "env-token",
                        "SIM_RATE_LIMIT", "80", "SIM_WABA_ID", "2999"));

        assertEquals(8100, config.port());
        assertEquals("cli-token", config.accessToken());
        assertEquals("cli-secret", config.appSecret());
        assertEquals(80, config.rateLimit());
        assertEquals("2999", config.wabaId());
        assertEquals("1000000001", config.phoneNumberId());
        assertEquals("http://127.0.0.1:8080/herald/api/webhooks/whatsapp", config.webhookUrl());
    }

    @Test
    void environmentAloneIsEnough() {
        SimulatorConfig config = SimulatorConfig.parse(new String[0], Map.of(
                "SIM_ACCESS_TOKEN", "t", "SIM_APP_SECRET", "s", "SIM_PHONE_NUMBER_ID", "42"));

        assertEquals(8099, config.port());
        assertEquals("42", config.phoneNumberId());
        assertEquals(0, config.rateLimit());
        assertNull(config.webhookUrl());
    }

    @Test
    void missingAccessTokenIsNamed() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> SimulatorConfig.parse(new String[] {"--app-secret", "s"}, Map.of()));

        assertTrue(error.getMessage().contains("--access-token"), error.getMessage());
    }

    @Test
    void unknownOptionIsNamed() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> SimulatorConfig.parse(new String[] {"--colour", "red"}, Map.of()));

        assertTrue(error.getMessage().contains("--colour"), error.getMessage());
    }
}
