package org.herald.platform;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the database schema up to date with Flyway when the application starts, before any
 * timer or consumer touches it. Flyway's own lock makes concurrent starts of several nodes safe.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SchemaMigration {

    private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());

    @Resource(lookup = HeraldResources.DATASOURCE)
    private DataSource dataSource;

    /*
     * Outside any transaction: Flyway commits its own work. Said again on the method because
     * Payara runs a singleton's @PostConstruct in a transaction unless the method itself says
     * otherwise (WildFly applies the class's attribute).
     */
    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void migrate() {
        Flyway flyway = Flyway.configure(SchemaMigration.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load();
        MigrateResult result = flyway.migrate();
        LOG.info(() -> String.format("HERALD-0001 schema at version %s (%d migrations applied)",
                result.targetSchemaVersion, result.migrationsExecuted));
    }
}
