package org.herald.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while PostgreSQL answers through Herald's own datasource: a connection from the
 * pool and one query on Herald's schema (the latest migration applied), within a few seconds.
 */
@Readiness
@ApplicationScoped
public class DatabaseCheck implements HealthCheck {

    private static final String SCHEMA_VERSION = "select version from flyway_schema_history"
            + " where success order by installed_rank desc limit 1";

    /**
     * The platform's default datasource (java:comp/DefaultDataSource, which each server's
     * configuration points at Herald's XA pool), injected without a name: a bean in the EAR's
     * lib/ has no java:comp of its own to look the name up in on WildFly.
     */
    @Resource
    private DataSource dataSource;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("herald-database");
        long started = System.nanoTime();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(SCHEMA_VERSION)) {
            select.setQueryTimeout(3);
            try (ResultSet rows = select.executeQuery()) {
                response.withData("schemaVersion", rows.next() ? rows.getString(1) : "none");
            }
            return response.up().withData("millis", elapsedMillis(started)).build();
        } catch (SQLException | RuntimeException e) {
            return response.down().withData("error", String.valueOf(e.getMessage()))
                    .withData("millis", elapsedMillis(started)).build();
        }
    }

    static long elapsedMillis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
