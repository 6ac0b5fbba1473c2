package org.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.transaction.Status;
import jakarta.transaction.UserTransaction;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.herald.campaign.application.CampaignDispatchSteps;
import org.herald.campaign.application.CampaignDispatchSteps.ChunkResult;
import org.herald.campaign.application.CampaignPauses;
import org.herald.campaign.application.CampaignService;
import org.herald.campaign.domain.CampaignStatus;
import org.herald.campaign.domain.DispatchClaim;
import org.herald.campaign.domain.PauseChange;
import org.herald.delivery.domain.SendStart;
import org.herald.delivery.infrastructure.jdbc.JdbcDeliveryRepository;
import org.herald.employee.application.EmployeeImportService;
import org.herald.platform.HeraldResources;
import org.herald.tools.Audit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;

/**
 * Pause against the delivery path's races, inside the server: a consumer that read the
 * campaign before a pause committed and commits after it must not send, and a dispatch
 * interrupted between two chunks by a pause continues from its cursor after the resume.
 */
@ArquillianTest
class PauseRaceIT {

    @EJB
    private EmployeeImportService employees;

    @EJB
    private CampaignService campaigns;

    @EJB
    private CampaignPauses pauses;

    @EJB
    private CampaignDispatchSteps steps;

    @EJB
    private JdbcDeliveryRepository deliveries;

    @Resource(lookup = HeraldResources.DATASOURCE)
    private DataSource dataSource;

    @Resource(lookup = "java:comp/UserTransaction")
    private UserTransaction transaction;

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.heraldWithTest(PauseRaceIT.class);
    }

    @Test
    void aConsumerWaitingOnAPauseThatCommitsHoldsTheDeliveryInsteadOfSending() throws Exception {
        TestData data = importEmployees(1);
        long campaignId = createCampaign(data);
        long deliveryId = queuedDeliveryWithoutMessage(campaignId, data.department);
        ExecutorService consumer = Executors.newSingleThreadExecutor();

        SendStart start;
        transaction.begin();
        try {
            pauseInOpenTransaction(campaignId);
            Future<SendStart> attempt = consumer.submit(() -> deliveries.beginSending(deliveryId));
            Await.until("the consumer to wait for the pause's row lock", Duration.ofSeconds(20),
                    this::aConsumerWaitsForTheCampaignLock);
            transaction.commit();
            start = attempt.get();
        } finally {
            if (transaction.getStatus() != Status.STATUS_NO_TRANSACTION) {
                transaction.rollback();
            }
            consumer.shutdown();
        }
        String held = deliveryStatus(deliveryId);
        PauseChange resumed = pauses.resume(campaignId, "it");
        Await.until("the held delivery to be sent after the resume", Duration.ofSeconds(60),
                () -> campaigns.get(campaignId).finished());

        assertTrue(start.paused() && start.held() && start.job().isEmpty(), start::toString);
        assertEquals("HELD", held);
        assertEquals(CampaignStatus.DISPATCHED, resumed.status());
        assertExactlyOnceAtTheProvider(data, campaignId);
    }

    @Test
    void aDispatchPausedBetweenChunksContinuesFromItsCursorAfterTheResume() throws Exception {
        TestData data = importEmployees(30);
        long campaignId = createCampaign(data);
        DispatchClaim claim = steps.claim(campaignId, "owner-before-pause", true, 30).claim()
                .orElseThrow();
        ChunkResult first = steps.enqueueChunk(claim, 10, 30);

        PauseChange paused = pauses.pause(campaignId, "it");
        ChunkResult second = steps.enqueueChunk(claim.advancedTo(first.cursor()), 10, 30);
        int rowsWhilePaused = deliveryRows(campaignId);
        PauseChange resumed = pauses.resume(campaignId, "it");

        assertEquals(10, first.enqueued());
        assertTrue(paused.changed());
        assertTrue(second.paused() && second.enqueued() == 0, second::toString);
        assertEquals(10, rowsWhilePaused);
        assertEquals(CampaignStatus.DISPATCHING, resumed.status());
        assertExactlyOnceAtTheProvider(data, campaignId);
        assertEquals(30, deliveryRows(campaignId));
        assertEquals(30, campaigns.get(campaignId).recipients());
    }

    private TestData importEmployees(int count) {
        TestData data = new TestData(count);
        var report = employees.importCsv(new StringReader(data.csv()));
        assertEquals(count, report.imported(), report::toString);
        return data;
    }

    private long createCampaign(TestData data) {
        return campaigns.create(data.draft("pause test",
                OffsetDateTime.now(ZoneOffset.UTC).plusHours(1)), null).campaignId();
    }

    /**
     * A dispatched campaign with one QUEUED delivery and no message for it on the queue, so
     * that only this test's call tries to send it.
     */
    private long queuedDeliveryWithoutMessage(long campaignId, String department)
            throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement dispatched = connection.prepareStatement("update campaign"
                    + " set status = 'DISPATCHED', dispatched_at = now(), recipient_count = 1"
                    + " where id = ?")) {
                dispatched.setLong(1, campaignId);
                dispatched.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("insert into delivery"
                    + " (campaign_id, employee_id, phone_e164, status) select ?, e.id,"
                    + " e.phone_e164, 'QUEUED' from employee e where e.department = ?"
                    + " returning id")) {
                insert.setLong(1, campaignId);
                insert.setString(2, department);
                try (ResultSet rs = insert.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }
    }

    /** What CampaignPauseSteps.pause does, in the caller's transaction, not committed. */
    private void pauseInOpenTransaction(long campaignId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement lock = connection.prepareStatement(
                "select status from campaign where id = ? for update");
                PreparedStatement pause = connection.prepareStatement("update campaign"
                        + " set status = 'PAUSED', paused_from = status, paused_at = now(),"
                        + " pause_count = pause_count + 1 where id = ?")) {
            lock.setLong(1, campaignId);
            lock.executeQuery().close();
            pause.setLong(1, campaignId);
            assertEquals(1, pause.executeUpdate());
        }
    }

    /**
     * Whether a backend waits for a lock in the consumer's statement. Runs in the test's open
     * transaction, where PostgreSQL keeps its first view of pg_stat_activity unless told to
     * take a new one.
     */
    private boolean aConsumerWaitsForTheCampaignLock() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement fresh = connection.prepareStatement(
                        "select pg_stat_clear_snapshot()");
                PreparedStatement select = connection.prepareStatement("select count(*) from"
                        + " pg_stat_activity where wait_event_type = 'Lock'"
                        + " and query like '%for key share of c%'")) {
            fresh.executeQuery().close();
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getInt(1) > 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read pg_stat_activity", e);
        }
    }

    private String deliveryStatus(long deliveryId) throws SQLException {
        return queryString("select status from delivery where id = ?", deliveryId);
    }

    private int deliveryRows(long campaignId) throws SQLException {
        return Integer.parseInt(queryString("select count(*) from delivery where campaign_id = ?",
                campaignId));
    }

    private String queryString(String sql, long id) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setLong(1, id);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private void assertExactlyOnceAtTheProvider(TestData data, long campaignId) {
        Await.until("campaign " + campaignId + " to finish", Duration.ofSeconds(90),
                () -> campaigns.get(campaignId).finished());
        Map<String, Integer> received = TestData.serverSimulator().messagesPerRecipient(campaignId);
        assertEquals(new Audit(data.phones.size(), data.phones.size(), 0, 0, 0),
                Audit.of(data.phones, received));
    }
}
