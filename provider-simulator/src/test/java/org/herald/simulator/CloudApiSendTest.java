package org.herald.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CloudApiSendTest {

    private SimulatorHarness harness;

    @BeforeEach
    void startSimulator() {
        harness = SimulatorHarness.start();
    }

    @AfterEach
    void stopSimulator() {
        harness.close();
    }

    @Test
    void validTemplateSendReturnsWamidAndCountsOnce() throws Exception {
        String body = SimulatorHarness.sendBody("+4915112345678", "office_closure", "en_US",
                List.of("Ada", "Berlin", "24 December"), "delivery-17");

        HttpResponse<String> response = harness.send(body);

        assertEquals(200, response.statusCode());
        JsonObject answer = SimulatorHarness.json(response.body());
        assertEquals("whatsapp", answer.getString("messaging_product"));
        JsonObject contact = answer.getJsonArray("contacts").getJsonObject(0);
        assertEquals("+4915112345678", contact.getString("input"));
        assertEquals("4915112345678", contact.getString("wa_id"));
        String wamid = answer.getJsonArray("messages").getJsonObject(0).getString("id");
        assertTrue(wamid.startsWith("wamid."), wamid);
        JsonObject recorded = harness.control("GET", "/recipients/4915112345678", null);
        assertEquals(1, recorded.getInt("count"));
        JsonObject message = recorded.getJsonArray("messages").getJsonObject(0);
        assertEquals(wamid, message.getString("wamid"));
        assertEquals("delivery-17", message.getString("bizOpaqueCallbackData"));
        assertEquals(List.of("Ada", "Berlin", "24 December"),
                message.getJsonArray("parameters").getValuesAs(JsonString.class)
                        .stream().map(JsonString::getString).toList());
    }

    @Test
    void eachAcceptedMessageGetsItsOwnWamid() throws Exception {
        String first = wamidOf(harness.announce("4915100000001"));
        String second = wamidOf(harness.announce("4915100000001"));

        assertNotEquals(first, second);
        JsonObject stats = harness.stats();
        assertEquals(2, stats.getInt("accepted"));
        assertEquals(1, stats.getInt("recipients"));
        assertEquals(1, stats.getInt("duplicates"));
    }

    @Test
    void wrongBearerTokenIsRefusedWithCode190() throws Exception {
        String body = SimulatorHarness.sendBody("4915100000001", "hr_announcement", "en_US",
                List.of("Ada", "News"), null);

        HttpResponse<String> wrong = harness.send(body, "Bearer nope", Duration.ofSeconds(5));
        HttpResponse<String> missing = harness.send(body, null, Duration.ofSeconds(5));

        for (HttpResponse<String> response : List.of(wrong, missing)) {
            assertEquals(401, response.statusCode());
            JsonObject error = SimulatorHarness.error(response);
            assertEquals(190, error.getInt("code"));
            assertEquals("OAuthException", error.getString("type"));
            assertEquals("Invalid OAuth access token - Cannot parse access token",
                    error.getString("message"));
            assertTrue(error.containsKey("fbtrace_id"));
        }
        assertEquals(0, harness.stats().getInt("accepted"));
        assertEquals(2, harness.stats().getInt("rejected"));
    }

    @Test
    void unknownPhoneNumberIdIsRefusedWithCode100() throws Exception {
        String body = SimulatorHarness.sendBody("4915100000001", "hr_announcement", "en_US",
                List.of("Ada", "News"), null);
        HttpRequest request = HttpRequest
                .newBuilder(harness.simulator.baseUri().resolve("/v21.0/999/messages"))
                .header("Authorization", "Bearer " + SimulatorHarness.TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();

        HttpResponse<String> response =
                harness.client.send(request, HttpResponse.BodyHandlers.ofString());

        assertEquals(400, response.statusCode());
        assertEquals(100, SimulatorHarness.error(response).getInt("code"));
    }

    @Test
    void unknownTemplateLanguageOrRejectedTemplateIsRefusedWithCode132001() throws Exception {
        List<String> bodies = List.of(
                SimulatorHarness.sendBody("4915100000001", "summer_party", "en_US",
                        List.of("Ada"), null),
                SimulatorHarness.sendBody("4915100000001", "office_closure", "de_DE",
                        List.of("Ada", "Berlin", "Monday"), null),
                SimulatorHarness.sendBody("4915100000001", "payday_bonus_offer", "en_US",
                        List.of("Ada"), null));

        for (String body : bodies) {
            HttpResponse<String> response = harness.send(body);

            assertEquals(400, response.statusCode(), body);
            JsonObject error = SimulatorHarness.error(response);
            assertEquals(132001, error.getInt("code"));
            assertEquals("whatsapp",
                    error.getJsonObject("error_data").getString("messaging_product"));
        }
        assertEquals(0, harness.stats().getInt("accepted"));
    }

    @Test
    void wrongNumberOfBodyParametersIsRefusedWithCode132000() throws Exception {
        String body = SimulatorHarness.sendBody("4915100000001", "office_closure", "en_US",
                List.of("Ada", "Berlin"), null);

        HttpResponse<String> response = harness.send(body);

        assertEquals(400, response.statusCode());
        JsonObject error = SimulatorHarness.error(response);
        assertEquals(132000, error.getInt("code"));
        assertTrue(error.getJsonObject("error_data").getString("details").contains("(3)"));
    }

    @Test
    void missingOrInvalidFieldsAreRefusedWithCode100NamingTheField() throws Exception {
        String valid = SimulatorHarness.sendBody("4915100000001", "hr_announcement", "en_US",
                List.of("Ada", "News"), null);
        List<List<String>> cases = List.of(
                List.of(valid.replace("\"messaging_product\":\"whatsapp\",", ""),
                        "messaging_product"),
                List.of(valid.replace("\"to\":\"4915100000001\"", "\"to\":\"call me\""), "to"),
                List.of(valid.replace("\"type\":\"template\"", "\"type\":\"video\""), "type"),
                List.of(valid.replace("\"name\":\"hr_announcement\",", ""), "template['name']"),
                List.of(valid.replace("\"text\":\"News\"", "\"text\":\"line\\nbreak\""),
                        "['text']"),
                List.of(SimulatorHarness.sendBody("4915100000001", "hr_announcement", "en_US",
                        List.of("Ada", "News"), "x".repeat(513)), "biz_opaque_callback_data"),
                List.of("not json", "JSON"));

        for (List<String> testCase : cases) {
            HttpResponse<String> response = harness.send(testCase.get(0));

            assertEquals(400, response.statusCode(), testCase.get(0));
            JsonObject error = SimulatorHarness.error(response);
            assertEquals(100, error.getInt("code"));
            assertEquals("(#100) Invalid parameter", error.getString("message"));
            String details = error.getJsonObject("error_data").getString("details");
            assertTrue(details.contains(testCase.get(1)), details);
        }
    }

    @Test
    void templateListShowsApprovedAndRejectedTemplates() throws Exception {
        HttpResponse<String> response = harness.get("/v21.0/2000000001/message_templates",
                "Bearer " + SimulatorHarness.TOKEN);

        assertEquals(200, response.statusCode());
        JsonObject answer = SimulatorHarness.json(response.body());
        String listed = answer.getJsonArray("data").getValuesAs(JsonObject.class).stream()
                .map(template -> template.getString("name") + "/" + template.getString("language")
                        + "/" + template.getString("status"))
                .collect(Collectors.joining(","));
        assertEquals("hr_announcement/en_US/APPROVED,hr_announcement/de_DE/APPROVED,"
                + "office_closure/en_US/APPROVED,policy_update/en_US/APPROVED,"
                + "benefits_enrollment/en_US/APPROVED,payday_bonus_offer/en_US/REJECTED", listed);
        assertTrue(answer.getJsonObject("paging").getJsonObject("cursors").containsKey("after"));
    }

    @Test
    void templateListNeedsTheBearerToken() throws Exception {
        HttpResponse<String> response = harness.get("/v21.0/2000000001/message_templates", null);

        assertEquals(401, response.statusCode());
        assertEquals(190, SimulatorHarness.error(response).getInt("code"));
    }

    @Test
    void healthReportsUp() throws Exception {
        assertEquals("UP", harness.control("GET", "/health", null).getString("status"));
    }

    @Test
    void resetForgetsMessagesAndCounters() throws Exception {
        harness.announce("4915100000001");
        harness.control("POST", "/faults", "{\"mode\":\"http5xx\"}");

        harness.control("POST", "/reset", null);

        JsonObject stats = harness.stats();
        assertEquals(0, stats.getInt("accepted"));
        assertEquals(0, stats.getInt("rejected"));
        assertEquals(0, harness.control("GET", "/faults", null).getJsonArray("faults").size());
        assertEquals(200, harness.announce("4915100000001").statusCode());
        assertEquals(1, harness.countFor("4915100000001"));
    }

    private static String wamidOf(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return SimulatorHarness.json(response.body()).getJsonArray("messages").getJsonObject(0)
                .getString("id");
    }
}
