package org.herald.integration.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.herald.campaign.domain.AudienceType;
import org.herald.integration.domain.HeraldEvent.CampaignEventStatus;
import org.junit.jupiter.api.Test;

class CampaignRequestMessageTest {

    private static final String VALID = """
            {"version": 1, "requestId": "hr-42", "name": "Office closed",
             "template": "office_closure", "language": "en_US",
             "parameters": ["{{employee.name}}", "Berlin"],
             "audience": {"type": "EMPLOYEES", "employeeIds": ["E1", "E2"]},
             "scheduledAt": "2026-12-04T09:00:00+01:00"}""";

    @Test
    void aValidRequestBecomesADraftWithItsRequestId() {
        var request = assertInstanceOf(CampaignRequestMessage.Valid.class,
                CampaignRequestMessage.parse(VALID));

        assertEquals("hr-42", request.requestId());
        assertEquals(AudienceType.EMPLOYEES, request.draft().audience().type());
        assertEquals(List.of("{{employee.name}}", "Berlin"), request.draft().bodyParameters());
    }

    @Test
    void aBodyThatIsNotJsonIsRefusedSayingSo() {
        var request = assertInstanceOf(CampaignRequestMessage.Invalid.class,
                CampaignRequestMessage.parse("<campaign/>"));

        assertTrue(request.reason().startsWith("the message body is not a JSON object"));
    }

    @Test
    void anotherVersionIsRefusedBeforeTheContentIsRead() {
        var request = assertInstanceOf(CampaignRequestMessage.Invalid.class,
                CampaignRequestMessage.parse(VALID.replace("\"version\": 1", "\"version\": 2")));

        assertEquals(List.of("version must be 1 (was 2)"), request.problems());
        assertEquals("hr-42", request.requestId());
    }

    @Test
    void everyProblemIsNamedOnceWithItsField() {
        var request = assertInstanceOf(CampaignRequestMessage.Invalid.class,
                CampaignRequestMessage.parse("""
                        {"version": 1, "template": "office_closure", "language": "en_US",
                         "parameters": "Berlin", "audience": {"type": "EVERYONE"},
                         "scheduledAt": "tomorrow"}"""));

        assertEquals(List.of("requestId is required", "parameters must be an array of strings",
                "audience.type 'EVERYONE' is not one of [ALL, DEPARTMENTS, EMPLOYEES]",
                "scheduledAt 'tomorrow' is not ISO-8601 with an offset", "name is required"),
                request.problems());
    }

    @Test
    void aReplyNamesTheCampaignOrTheProblems() {
        assertEquals("{\"version\":1,\"requestId\":\"r\",\"status\":\"ACCEPTED\","
                + "\"campaignId\":7,\"replayed\":true}",
                RequestReply.accepted("r", 7, true).toJson());
        assertEquals("{\"version\":1,\"requestId\":null,\"status\":\"REJECTED\","
                + "\"problems\":[\"requestId is required\"]}",
                RequestReply.rejected(null, List.of("requestId is required")).toJson());
    }

    @Test
    void eventIdsAreTheSameWheneverTheSameChangeIsReported() {
        assertEquals("campaign:3:DISPATCHED",
                HeraldEvent.campaign(3, CampaignEventStatus.DISPATCHED, 10).eventId());
        assertEquals("delivery:9:4", HeraldEvent.delivery(9, 3, "DELIVERED", 4).eventId());
        assertEquals(HeraldEvent.delivery(9, 3, "DELIVERED", 4).eventId(),
                HeraldEvent.delivery(9, 3, "DELIVERED", 4).eventId());
    }
}
