package org.herald.campaign.infrastructure.timer;

import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.herald.campaign.application.CampaignDispatcher;
import org.herald.campaign.application.CampaignPauses;
import org.herald.campaign.domain.DispatchTrigger;
import org.herald.health.SweepHeartbeat;
import org.herald.platform.HeraldResources;

/**
 * The safety net under the per-campaign timers. Every five seconds it looks, by the database's
 * clock, for campaigns that are due but still scheduled (a timer lost or delayed) and for
 * dispatches whose owner's lease ran out (a node died mid-way, or a paused dispatch was resumed),
 * and dispatches them one after the other: a server that was down across many due times catches
 * up without a storm. It also puts back on the queue the HELD deliveries of campaigns that are
 * no longer paused, should a resume have stopped before it released them all.
 *
 * <p>Triggered by a non-persistent schedule on every node, without a transaction; the claim
 * decides which node does the work. A failure is logged and the next run tries again.
 */
@Singleton
@DependsOn("SchemaMigration")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DueCampaignSweeper {

    private static final Logger LOG = Logger.getLogger(DueCampaignSweeper.class.getName());
    private static final String DUE = """
            select id from campaign
             where (status = 'SCHEDULED' and scheduled_at <= now() - interval '3 seconds')
                or (status = 'DISPATCHING' and dispatch_lease_until < now())
             order by scheduled_at limit 20""";
    private static final String HOLDING = """
            select distinct d.campaign_id from delivery d join campaign c on c.id = d.campaign_id
             where d.status = 'HELD' and c.status <> 'PAUSED' limit 20""";

    @Resource(lookup = HeraldResources.DATASOURCE)
    private DataSource dataSource;

    @EJB
    private CampaignDispatcher dispatcher;

    @Inject
    private SweepHeartbeat heartbeat;

    @EJB
    private CampaignPauses pauses;

    @Schedule(hour = "*", minute = "*", second = "*/5", persistent = false)
    void sweep() {
        heartbeat.beat();
        try {
            for (long campaignId : campaigns(HOLDING)) {
                pauses.releaseHeld(campaignId);
            }
            for (long campaignId : campaigns(DUE)) {
                dispatcher.dispatch(campaignId, DispatchTrigger.SWEEP);
            }
        } catch (RuntimeException | SQLException e) {
            LOG.log(Level.WARNING, "HERALD-0205 sweep for due campaigns failed; next run retries",
                    e);
        }
    }

    private List<Long> campaigns(String query) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(query);
                ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }
}
