package org.herald.campaign.application;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Optional;
import javax.sql.DataSource;
import org.herald.campaign.domain.CampaignCreated;
import org.herald.platform.HeraldResources;
import org.herald.platform.RequestRejectedException;
import org.herald.platform.RequestRejectedException.Reason;

/**
 * The idempotency-key table. A key is inserted in the caller's transaction; a concurrent insert of
 * the same key blocks on the unique index until the first transaction ends, then either finds the
 * finished row (a repeat) or, if the first rolled back, takes the key itself.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class IdempotencyKeys {

    private static final String INSERT = "insert into idempotency_key (idem_key, request_hash)"
            + " values (?, ?) on conflict (idem_key) do nothing";
    private static final String SELECT = "select request_hash, campaign_id, response_body"
            + " from idempotency_key where idem_key = ?";
    private static final String COMPLETE = "update idempotency_key set campaign_id = ?,"
            + " response_body = ? where idem_key = ?";

    @Resource(lookup = HeraldResources.DATASOURCE)
    private DataSource dataSource;

    /**
     * Claims the key for this request, or returns the earlier response when the key was used
     * before for the same request. A key used before for another request is refused.
     */
    public Optional<CampaignCreated> claim(String key, String fingerprint) {
        if (key.isBlank() || key.length() > 200) {
            throw new RequestRejectedException(Reason.INVALID,
                    "Idempotency-Key must be 1 to 200 characters");
        }
        try (Connection connection = dataSource.getConnection()) {
            if (insert(connection, key, fingerprint)) {
                return Optional.empty();
            }
            return Optional.of(earlier(connection, key, fingerprint));
        } catch (SQLException e) {
            throw new IllegalStateException("idempotency key " + key + " cannot be read", e);
        }
    }

    /** True when the key exists and was claimed by a request with another fingerprint. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public boolean usedForAnother(String key, String fingerprint) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setString(1, key);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() && !rs.getString(1).equals(fingerprint);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("idempotency key " + key + " cannot be read", e);
        }
    }

    public void complete(String key, CampaignCreated created) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(COMPLETE)) {
            update.setLong(1, created.campaignId());
            update.setString(2, created.body());
            update.setString(3, key);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("idempotency key " + key + " cannot be stored", e);
        }
    }

    static String fingerprint(String canonicalRequest) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(
                    sha256.digest(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private static boolean insert(Connection connection, String key, String fingerprint)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, key);
            insert.setString(2, fingerprint);
            return insert.executeUpdate() == 1;
        }
    }

    private static CampaignCreated earlier(Connection connection, String key, String fingerprint)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setString(1, key);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                if (!rs.getString(1).equals(fingerprint)) {
                    throw new RequestRejectedException(Reason.IDEMPOTENCY_KEY_REUSED,
                            "Idempotency-Key " + key + " was already used for another request");
                }
                return new CampaignCreated(rs.getLong(2), true, rs.getString(3));
            }
        }
    }
}
