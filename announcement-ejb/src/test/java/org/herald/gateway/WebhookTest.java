package org.herald.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookTest {

    private static final byte[] BODY = ("{\"object\":\"whatsapp_business_account\",\"entry\":[{"
            + "\"id\":\"1\",\"changes\":[{\"field\":\"messages\",\"value\":{\"statuses\":["
            + "{\"id\":\"wamid.A\",\"status\":\"delivered\",\"timestamp\":\"1\","
            + "\"recipient_id\":\"4930\",\"biz_opaque_callback_data\":\"herald:4:17\"},"
            + "{\"id\":\"wamid.B\",\"status\":\"failed\",\"timestamp\":\"1\","
            + "\"errors\":[{\"code\":131026,\"title\":\"Message undeliverable\"}]}]}}]}]}")
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void aSignatureOverTheExactBodyMatches() {
        String header = "sha256=" + WebhookSignature.sign("secret", BODY);

        assertTrue(WebhookSignature.matches("secret", BODY, header));
    }

    @Test
    void aMissingForgedOrOtherSecretSignatureDoesNot() {
        String header = "sha256=" + WebhookSignature.sign("secret", BODY);
        byte[] altered = BODY.clone();
        altered[10] = 'X';

        assertFalse(WebhookSignature.matches("secret", BODY, null));
        assertFalse(WebhookSignature.matches("secret", altered, header));
        assertFalse(WebhookSignature.matches("other", BODY, header));
        assertFalse(WebhookSignature.matches("secret", BODY, header.substring(7)));
    }

    @Test
    void statusesAreReadWithCallbackDataAndErrors() {
        List<StatusUpdate> updates = StatusUpdate.parse(BODY);

        assertEquals(2, updates.size());
        assertEquals(17L, updates.get(0).deliveryId());
        assertEquals("delivered", updates.get(0).status());
        assertEquals(131026, updates.get(1).errorCode());
        assertEquals("Message undeliverable", updates.get(1).errorTitle());
        assertNull(updates.get(1).deliveryId());
    }

    @Test
    void aBodyThatIsNotJsonIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> StatusUpdate.parse("nope".getBytes(StandardCharsets.UTF_8)));
    }
}
