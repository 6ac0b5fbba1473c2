package org.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.List;
import org.herald.tools.Audit;
import org.herald.tools.HeraldClient;
import org.herald.tools.Http;
import org.herald.tools.SimulatorClient;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pause and resume through the REST API, counted at the simulator: a pause in the middle of a
 * burst stops the sends, the held recipients wait, a lower throughput limit set while paused is
 * the one the rest is sent at (the simulator, limited between the old and the new one, refuses
 * nothing), and after the resume every recipient has exactly one message.
 * Repeated requests change nothing; a viewer may do neither.
 */
@ArquillianTest
class PauseResumeIT {

    private final HeraldClient herald = TestData.admin();
    private final SimulatorClient simulator =
            new SimulatorClient(System.getProperty("herald.it.simulator-url"));

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.herald();
    }

    private double throughput;

    @BeforeEach
    void rememberThroughput() {
        throughput = herald.throughput();
    }

    @AfterEach
    void restoreLimits() {
        simulator.setRateLimit(0);
        herald.setThroughput(throughput);
    }

    @Test
    void aPauseInTheMiddleOfABurstHoldsTheRestAndTheResumeSendsEachRecipientOnce() {
        TestData data = employees(120);
        HeraldClient viewer = viewer(data);
        simulator.reset();
        simulator.setRateLimit(30);
        herald.setThroughput(20);
        long campaignId = sendNow(data);
        Await.until("the first messages at the provider", Duration.ofSeconds(60),
                () -> atProvider(campaignId) >= 15);

        Http.Answer paused = herald.pause(campaignId);
        Http.Answer pausedAgain = herald.pause(campaignId);
        Await.until("no delivery queued or sending any more", Duration.ofSeconds(60),
                () -> count(herald.campaign(campaignId), "QUEUED")
                        + count(herald.campaign(campaignId), "SENDING") == 0);
        int sentBeforePause = atProvider(campaignId);
        JsonObject whilePaused = herald.campaign(campaignId);
        herald.setThroughput(5);
        simulator.setRateLimit(8);
        Http.Answer viewerResume = viewer.resume(campaignId);
        Http.Answer viewerPause = viewer.pause(campaignId);
        int sentWhilePaused = atProvider(campaignId);
        Http.Answer resumed = herald.resume(campaignId);
        Http.Answer resumedAgain = herald.resume(campaignId);
        JsonObject finished = awaitFinished(campaignId);
        JsonObject stats = simulator.stats();

        assertEquals(200, paused.status(), paused.body());
        assertEquals("true", paused.header("Herald-Changed"));
        assertEquals(200, pausedAgain.status(), pausedAgain.body());
        assertEquals("false", pausedAgain.header("Herald-Changed"));
        assertEquals("PAUSED", whilePaused.getString("status"));
        assertTrue(count(whilePaused, "HELD") > 0, "the pause came before the end: "
                + whilePaused);
        assertEquals(sentBeforePause, sent(whilePaused), whilePaused::toString);
        assertEquals(sentBeforePause, sentWhilePaused, "a message left while paused");
        assertEquals(403, viewerResume.status(), viewerResume.body());
        assertEquals(403, viewerPause.status(), viewerPause.body());
        assertEquals(200, resumed.status(), resumed.body());
        assertEquals("true", resumed.header("Herald-Changed"));
        assertEquals(200, resumedAgain.status(), resumedAgain.body());
        assertEquals("false", resumedAgain.header("Herald-Changed"));
        assertTrue(finished.getBoolean("finished"), finished::toString);
        assertEquals(new Audit(120, 120, 0, 0, 0),
                Audit.of(data.phones, simulator.messagesPerRecipient(campaignId)));
        // The provider now refuses more than 8 a second (Herald's old limit was 20): the rest
        // went at the new limit of 5. The margin absorbs the way from Herald to the provider.
        assertEquals(0, stats.getInt("rejected"), "the provider refused sends: " + stats);
        assertTrue(stats.getInt("maxPerSecond") <= 20, stats::toString);
        // Newest first; the repeated pause and resume changed nothing and are not recorded.
        assertEquals(List.of("RESUME_CAMPAIGN by admin", "PAUSE_CAMPAIGN by admin",
                "SEND_NOW by admin", "CREATE_CAMPAIGN by admin"), auditedActions(campaignId));
    }

    @Test
    void onlyACampaignBeingSentCanBePausedAndOnlyAPausedOneResumed() {
        TestData data = employees(1);
        HeraldClient viewer = viewer(data);
        long scheduled = herald.createCampaign(data.campaignJson(EndToEndIT.inSeconds(3600)));

        Http.Answer pauseScheduled = herald.pause(scheduled);
        Http.Answer resumeScheduled = herald.resume(scheduled);
        Http.Answer viewerPause = viewer.pause(scheduled);
        Http.Answer unknown = herald.pause(Long.MAX_VALUE);

        assertEquals(409, pauseScheduled.status(), pauseScheduled.body());
        assertTrue(pauseScheduled.body().contains("SCHEDULED"), pauseScheduled.body());
        assertEquals(409, resumeScheduled.status(), resumeScheduled.body());
        assertEquals(403, viewerPause.status(), viewerPause.body());
        assertEquals(404, unknown.status(), unknown.body());
        assertEquals("SCHEDULED", herald.campaign(scheduled).getString("status"));
    }

    private TestData employees(int count) {
        TestData data = new TestData(count);
        JsonObject report = herald.importEmployees(data.csv());
        assertEquals(count, report.getInt("imported"), report::toString);
        return data;
    }

    private HeraldClient viewer(TestData data) {
        String name = "viewer-" + data.department;
        herald.createUser(name, "viewer-password", "HR_VIEWER").expect(201);
        return new HeraldClient(System.getProperty("herald.it.url"), name, "viewer-password");
    }

    private long sendNow(TestData data) {
        long campaignId = herald.createCampaign(data.campaignJson(EndToEndIT.inSeconds(3600)));
        herald.sendNow(campaignId).expect(202);
        return campaignId;
    }

    private JsonObject awaitFinished(long campaignId) {
        Await.until("campaign " + campaignId + " to finish", Duration.ofSeconds(180),
                () -> herald.campaign(campaignId).getBoolean("finished"));
        return herald.campaign(campaignId);
    }

    private int atProvider(long campaignId) {
        return simulator.messagesPerRecipient(campaignId).values().stream()
                .mapToInt(Integer::intValue).sum();
    }

    private List<String> auditedActions(long campaignId) {
        return herald.audit(100).stream().map(JsonValue::asJsonObject)
                .filter(event -> event.getJsonNumber("campaignId") != null
                        && event.getJsonNumber("campaignId").longValue() == campaignId)
                .map(event -> event.getString("action") + " by " + event.getString("actor"))
                .toList();
    }

    private static int sent(JsonObject campaign) {
        return count(campaign, "SENT") + count(campaign, "DELIVERED") + count(campaign, "READ");
    }

    private static int count(JsonObject campaign, String state) {
        return campaign.getJsonObject("deliveries").getInt(state, 0);
    }
}
