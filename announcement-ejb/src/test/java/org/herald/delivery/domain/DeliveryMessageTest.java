package org.herald.delivery.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryMessageTest {

    @Test
    void aMessageSurvivesItsJsonForm() {
        DeliveryMessage message = new DeliveryMessage(7, 3, 42);

        assertEquals(message, DeliveryMessage.fromJson(message.toJson()));
    }

    @Test
    void theKeyNamesCampaignAndEmployeeOnly() {
        assertEquals(new DeliveryMessage(1, 3, 42).key(), new DeliveryMessage(9, 3, 42).key());
    }

    @Test
    void aReleaseAfterAResumeHasAKeyOfItsOwnAndSurvivesItsJsonForm() {
        DeliveryMessage first = new DeliveryMessage(7, 3, 42);
        DeliveryMessage released = first.released(4);

        assertEquals("herald-delivery:3:42:r4", released.key());
        assertEquals(released.key(), first.released(4).key());
        assertTrue(!released.key().equals(first.released(6).key()));
        assertTrue(!released.key().equals(first.forAttempt(4).key()));
        assertEquals(released, DeliveryMessage.fromJson(released.toJson()));
    }

    @Test
    void aMessageWithoutAReleaseFieldReadsAsNoRelease() {
        DeliveryMessage message = DeliveryMessage.fromJson("{\"v\":1,\"deliveryId\":7,"
                + "\"campaignId\":3,\"employeeId\":42,\"attempt\":2}");

        assertEquals(new DeliveryMessage(7, 3, 42, 2), message);
        assertEquals("herald-delivery:3:42:a2", message.key());
    }

    @Test
    void anotherVersionIsRefusedWithTheReason() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> DeliveryMessage.fromJson("{\"v\":2,\"deliveryId\":1}"));

        assertTrue(error.getMessage().contains("version 2"));
    }

    @Test
    void theEmployeeNamePlaceholderIsFilledPerRecipient() {
        SendJob job = new SendJob(1, 2, "+12125550143", "hr_announcement", "en_US",
                List.of("{{employee.name}}", "Friday"), "Ada");

        assertEquals(List.of("Ada", "Friday"), job.personalisedParameters());
        assertEquals("herald:2:1", job.callbackData());
    }
}
