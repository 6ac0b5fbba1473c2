package org.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.herald.campaign.application.CampaignDispatchSteps;
import org.herald.campaign.application.CampaignDispatchSteps.ChunkResult;
import org.herald.campaign.application.CampaignDispatcher;
import org.herald.campaign.application.CampaignService;
import org.herald.campaign.domain.CampaignDraft;
import org.herald.campaign.domain.CampaignStatus;
import org.herald.campaign.domain.ClaimResult;
import org.herald.campaign.domain.DispatchClaim;
import org.herald.campaign.domain.DispatchOutcome;
import org.herald.campaign.domain.DispatchTrigger;
import org.herald.employee.application.EmployeeImportService;
import org.herald.platform.HeraldResources;
import org.herald.tools.Audit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;

/**
 * The claim and the chunked enqueue, inside the server: however many dispatch attempts race for
 * a campaign, one wins, each recipient gets one delivery row and one message, and a dispatch cut
 * off mid-way is finished by another dispatcher from the persisted cursor.
 */
@ArquillianTest
class CampaignDispatchIT {

    @EJB
    private EmployeeImportService employees;

    @EJB
    private CampaignService campaigns;

    @EJB
    private CampaignDispatcher dispatcher;

    @EJB
    private CampaignDispatchSteps steps;

    @Resource(lookup = HeraldResources.DATASOURCE)
    private DataSource dataSource;

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.heraldWithTest(CampaignDispatchIT.class);
    }

    @Test
    void aSecondFiringOfTheTimerChangesNothing() throws Exception {
        TestData data = importEmployees(20);
        long campaignId = createCampaign(data, 3600);

        DispatchOutcome first = dispatcher.dispatch(campaignId, DispatchTrigger.SEND_NOW);
        DispatchOutcome second = dispatcher.dispatch(campaignId, DispatchTrigger.TIMER);
        DispatchOutcome third = dispatcher.dispatch(campaignId, DispatchTrigger.SWEEP);

        assertEquals(DispatchOutcome.DISPATCHED, first);
        assertEquals(DispatchOutcome.NOT_CLAIMED, second);
        assertEquals(DispatchOutcome.NOT_CLAIMED, third);
        assertEquals(20, deliveryRows(campaignId));
        assertExactlyOnceAtTheProvider(data, campaignId);
    }

    @Test
    void racingDispatchersEnqueueEachRecipientOnce() throws Exception {
        TestData data = importEmployees(1200);
        long campaignId = createCampaign(data, 3600);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);

        List<Future<DispatchOutcome>> attempts = new ArrayList<>();
        for (int index = 0; index < 4; index++) {
            attempts.add(pool.submit(() -> {
                start.await();
                return dispatcher.dispatch(campaignId, DispatchTrigger.SEND_NOW);
            }));
        }
        start.countDown();
        List<DispatchOutcome> outcomes = new ArrayList<>();
        for (Future<DispatchOutcome> attempt : attempts) {
            outcomes.add(attempt.get());
        }
        pool.shutdown();

        assertEquals(1, Collections.frequency(outcomes, DispatchOutcome.DISPATCHED),
                outcomes::toString);
        assertEquals(3, Collections.frequency(outcomes, DispatchOutcome.NOT_CLAIMED));
        assertEquals(1200, deliveryRows(campaignId));
        assertExactlyOnceAtTheProvider(data, campaignId);
    }

    @Test
    void aDispatchWhoseOwnerStoppedIsFinishedFromItsCursor() throws Exception {
        TestData data = importEmployees(1100);
        long campaignId = createCampaign(data, 3600);
        ClaimResult claim = steps.claim(campaignId, "owner-that-dies", true, 1);
        steps.enqueueChunk(claim.claim().orElseThrow(), 500, 1);
        assertEquals(500, deliveryRows(campaignId));

        Await.until("another dispatcher to take over and finish", Duration.ofSeconds(60),
                () -> dispatcher.dispatch(campaignId, DispatchTrigger.SWEEP)
                        == DispatchOutcome.DISPATCHED
                        || campaigns.get(campaignId).status() == CampaignStatus.DISPATCHED);
        var stale = steps.enqueueChunk(claim.claim().get().advancedTo(lastEmployeeKey(campaignId)),
                500, 1);

        assertTrue(stale.lostLease(), "the old owner must find its lease gone");
        assertEquals(1100, deliveryRows(campaignId));
        assertExactlyOnceAtTheProvider(data, campaignId);
    }

    @Test
    void aSecondDispatchStartedHalfWayThroughTheFirstSendsNothingMore() throws Exception {
        TestData data = importEmployees(1000);
        long campaignId = createCampaign(data, 3600);
        DispatchClaim first = steps.claim(campaignId, "first", true, 30).claim().orElseThrow();
        ChunkResult half = steps.enqueueChunk(first, 500, 30);
        assertEquals(500, deliveryRows(campaignId));

        DispatchOutcome second = dispatcher.dispatch(campaignId, DispatchTrigger.SEND_NOW);

        assertEquals(DispatchOutcome.NOT_CLAIMED, second);
        assertEquals(500, deliveryRows(campaignId), "the second attempt enqueued nothing");
        DispatchClaim current = first.advancedTo(half.cursor());
        ChunkResult chunk;
        do {
            chunk = steps.enqueueChunk(current, 500, 30);
            current = current.advancedTo(chunk.cursor());
        } while (!chunk.finished() && !chunk.lostLease());
        assertTrue(chunk.finished(), "the first attempt finishes its dispatch");
        assertEquals(1000, deliveryRows(campaignId));
        assertExactlyOnceAtTheProvider(data, campaignId);
    }

    @Test
    void aDispatcherActingOnAStaleReadDoesNotDispatchAgain() throws Exception {
        TestData data = importEmployees(20);
        long campaignId = createCampaign(data, 3600);
        CountDownLatch read = new CountDownLatch(1);
        CountDownLatch otherDispatched = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<ClaimResult> stale = pool.submit(() -> {
            CampaignStatus seen = campaigns.get(campaignId).status();
            if (seen != CampaignStatus.SCHEDULED) {
                throw new IllegalStateException("the reader saw " + seen);
            }
            read.countDown();
            otherDispatched.await();
            return steps.claim(campaignId, "stale-reader", true, 30);
        });

        assertTrue(read.await(60, TimeUnit.SECONDS), "the reader read the campaign");
        DispatchOutcome other = dispatcher.dispatch(campaignId, DispatchTrigger.SEND_NOW);
        otherDispatched.countDown();
        ClaimResult late = stale.get(60, TimeUnit.SECONDS);
        pool.shutdown();

        assertEquals(DispatchOutcome.DISPATCHED, other);
        assertTrue(late.claim().isEmpty(), "the stale reader must not win a claim");
        assertEquals(20, deliveryRows(campaignId));
        assertExactlyOnceAtTheProvider(data, campaignId);
    }

    private TestData importEmployees(int count) {
        TestData data = new TestData(count);
        var report = employees.importCsv(new StringReader(data.csv()));
        assertEquals(count, report.imported(), report::toString);
        return data;
    }

    private long createCampaign(TestData data, int secondsAhead) {
        CampaignDraft draft = data.draft("dispatch test",
                OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(secondsAhead));
        return campaigns.create(draft, null).campaignId();
    }

    private void assertExactlyOnceAtTheProvider(TestData data, long campaignId) {
        Await.until("every message of campaign " + campaignId + " at the provider",
                Duration.ofSeconds(180),
                () -> campaigns.get(campaignId).finished());
        Map<String, Integer> received = TestData.serverSimulator().messagesPerRecipient(campaignId);
        assertEquals(new Audit(data.phones.size(), data.phones.size(), 0, 0, 0),
                Audit.of(data.phones, received));
    }

    private int deliveryRows(long campaignId) throws SQLException {
        return (int) queryLong("select count(*) from delivery where campaign_id = ?", campaignId);
    }

    private long lastEmployeeKey(long campaignId) throws SQLException {
        return queryLong("select dispatch_cursor from campaign where id = ?", campaignId);
    }

    private long queryLong(String sql, long campaignId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setLong(1, campaignId);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
