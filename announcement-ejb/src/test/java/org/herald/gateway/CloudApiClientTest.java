package org.herald.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CloudApiClientTest {

    @Test
    void anAnswerWithAMessageIdIsAccepted() {
        SendOutcome outcome = CloudApiClient.read(200, "{\"messaging_product\":\"whatsapp\","
                + "\"contacts\":[{\"input\":\"1\",\"wa_id\":\"1\"}],"
                + "\"messages\":[{\"id\":\"wamid.ABC\"}]}");

        assertEquals(new SendOutcome.Accepted("wamid.ABC"), outcome);
    }

    @Test
    void throttlingIsNotSentAndSafeToRetry() {
        SendOutcome outcome = CloudApiClient.read(400,
                "{\"error\":{\"message\":\"(#130429) Rate limit hit\",\"code\":130429}}");

        assertInstanceOf(SendOutcome.NotSent.class, outcome);
    }

    @Test
    void undeliverableIsRefusedForGood() {
        SendOutcome outcome = CloudApiClient.read(400,
                "{\"error\":{\"message\":\"undeliverable\",\"code\":131026}}");

        assertEquals(new SendOutcome.Rejected(131026, "undeliverable"), outcome);
    }

    @Test
    void theProvidersUnknownErrorAndServerErrorsAreAmbiguous() {
        assertInstanceOf(SendOutcome.Ambiguous.class, CloudApiClient.read(500,
                "{\"error\":{\"message\":\"Unknown error\",\"code\":131000}}"));
        assertInstanceOf(SendOutcome.Ambiguous.class, CloudApiClient.read(502, "<html>"));
        assertInstanceOf(SendOutcome.Ambiguous.class, CloudApiClient.read(200, "{}"));
    }

    @Test
    void serviceUnavailableIsNotSent() {
        assertInstanceOf(SendOutcome.NotSent.class, CloudApiClient.read(503,
                "{\"error\":{\"message\":\"Service temporarily unavailable\",\"code\":2}}"));
    }

    @Test
    void theRequestBodyIsACloudApiTemplateMessage() {
        TemplateMessage message = new TemplateMessage("+4930123456", "office_closure", "de_DE",
                List.of("Montag", "Berlin"), "herald:1:2");

        String body = CloudApiClient.body(message);

        assertTrue(body.contains("\"to\":\"4930123456\""));
        assertTrue(body.contains("\"type\":\"template\""));
        assertTrue(body.contains("\"language\":{\"code\":\"de_DE\"}"));
        assertTrue(body.contains("{\"type\":\"text\",\"text\":\"Montag\"}"));
        assertTrue(body.contains("\"biz_opaque_callback_data\":\"herald:1:2\""));
    }
}
