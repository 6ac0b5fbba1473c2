package org.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import jakarta.transaction.UserTransaction;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.herald.campaign.application.CampaignDispatcher;
import org.herald.campaign.application.CampaignService;
import org.herald.campaign.domain.CampaignDraft;
import org.herald.campaign.domain.DispatchTrigger;
import org.herald.delivery.domain.DeliveryMessage;
import org.herald.employee.application.EmployeeImportService;
import org.herald.platform.DuplicateCounters;
import org.herald.platform.HeraldResources;
import org.herald.tools.Audit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;

/**
 * The delivery consumer, inside the server: a per-recipient message that arrives again, by
 * redelivery or as a copy the broker did not recognise, never becomes a second WhatsApp message;
 * a delivery left SENDING by an attempt that died becomes UNKNOWN, not a resend.
 */
@ArquillianTest
class DeliveryListenerIT {

    @EJB
    private EmployeeImportService employees;

    @EJB
    private CampaignService campaigns;

    @EJB
    private CampaignDispatcher dispatcher;

    @EJB
    private DuplicateCounters counters;

    @Inject
    private JMSContext jms;

    @Resource
    private UserTransaction transaction;

    @Resource(lookup = HeraldResources.DATASOURCE)
    private DataSource dataSource;

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.heraldWithTest(DeliveryListenerIT.class);
    }

    @Test
    void everyMessageDeliveredAgainSendsNothingMore() throws Exception {
        TestData data = importEmployees(30);
        long campaignId = dispatchAndFinish(data);
        long processedBefore = counters.snapshot().get("processedMessage");

        List<DeliveryMessage> copies = deliveryMessages(campaignId);
        sendCopiesWithoutBrokerId(copies);
        Await.until("the consumer to see every copy", Duration.ofSeconds(60),
                () -> counters.snapshot().get("processedMessage") - processedBefore
                        >= copies.size());

        assertEquals(30, copies.size());
        assertEquals(new Audit(30, 30, 0, 0, 0),
                Audit.of(data.phones, TestData.serverSimulator().messagesPerRecipient(campaignId)));
    }

    @Test
    void aDeliveryLeftSendingBecomesUnknownInsteadOfASecondSend() throws Exception {
        TestData data = importEmployees(2);
        long campaignId = dispatchAndFinish(data);
        DeliveryMessage interrupted = deliveryMessages(campaignId).get(0);
        Await.until("the provider's webhooks about the real send", Duration.ofSeconds(30),
                () -> "DELIVERED".equals(status(interrupted.deliveryId())));
        simulateCrashAfterSendingCommitted(interrupted);

        sendCopiesWithoutBrokerId(List.of(interrupted));
        Await.until("the copy to be handled", Duration.ofSeconds(30),
                () -> "UNKNOWN".equals(status(interrupted.deliveryId())));

        Map<String, Integer> received = TestData.serverSimulator().messagesPerRecipient(campaignId);
        assertEquals(2, received.size());
        assertEquals(List.of(1, 1), List.copyOf(received.values()));
    }

    private TestData importEmployees(int count) {
        TestData data = new TestData(count);
        employees.importCsv(new StringReader(data.csv()));
        return data;
    }

    private long dispatchAndFinish(TestData data) {
        CampaignDraft draft = data.draft("listener test",
                OffsetDateTime.now(ZoneOffset.UTC).plusHours(1));
        long campaignId = campaigns.create(draft, null).campaignId();
        dispatcher.dispatch(campaignId, DispatchTrigger.SEND_NOW);
        Await.until("campaign " + campaignId + " to finish", Duration.ofSeconds(60),
                () -> campaigns.get(campaignId).finished());
        return campaignId;
    }

    /** Copies that the broker's duplicate detection cannot catch: only Herald's key is set. */
    private void sendCopiesWithoutBrokerId(List<DeliveryMessage> messages) throws Exception {
        Queue deliveryQueue = jms.createQueue(HeraldResources.DELIVERY_QUEUE_NAME);
        transaction.begin();
        for (DeliveryMessage message : messages) {
            jms.createProducer().send(deliveryQueue, copy(message));
        }
        transaction.commit();
    }

    private TextMessage copy(DeliveryMessage message) throws JMSException {
        TextMessage text = jms.createTextMessage(message.toJson());
        text.setStringProperty(HeraldResources.MESSAGE_KEY, message.key());
        return text;
    }

    /** The state a crash leaves between the committed SENDING step and the provider call. */
    private void simulateCrashAfterSendingCommitted(DeliveryMessage message) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            execute(connection, "update delivery set status = 'SENDING', wamid = null"
                    + " where id = ?", message.deliveryId());
            try (PreparedStatement delete = connection.prepareStatement(
                    "delete from processed_message where message_id = ?")) {
                delete.setString(1, message.key());
                delete.executeUpdate();
            }
        }
    }

    private List<DeliveryMessage> deliveryMessages(long campaignId) throws SQLException {
        List<DeliveryMessage> messages = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("select id, employee_id"
                        + " from delivery where campaign_id = ? order by id")) {
            select.setLong(1, campaignId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    messages.add(new DeliveryMessage(rs.getLong(1), campaignId, rs.getLong(2)));
                }
            }
        }
        return messages;
    }

    private String status(long deliveryId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select status from delivery where id = ?")) {
            select.setLong(1, deliveryId);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void execute(Connection connection, String sql, long id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, id);
            statement.executeUpdate();
        }
    }
}
