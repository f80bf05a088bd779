package org.sluice.schema;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the database schema to the version this build of Sluice needs, before anything else touches it.
 * Flyway applies db/migration/V*.sql (and the Java migrations registered in {@link #flyway}) in order and records
 * them; it never drops data, so upgrading Sluice keeps every campaign. Bean-managed transactions: Flyway commits each
 * migration itself. The few migrations whose SQL differs per database live in db/h2 and db/postgresql, with the same
 * version numbers.
 */
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
public class SchemaMigration {

    private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());

    @Resource(lookup = "java:jboss/datasources/SluiceDS")
    private DataSource dataSource;

    @PostConstruct
    void migrate() {
        MigrateResult result = flyway(dataSource).migrate();
        LOG.info(() -> "Sluice schema at version "
                + (result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion)
                + " (" + result.migrationsExecuted + " migration(s) applied now)");
    }

    /**
     * Sluice's migrations on {@code dataSource}: the SQL scripts in db/migration and db/&lt;database&gt;, and the Java
     * ones.
     *
     * @throws IllegalStateException if the database is not one Sluice supports
     */
    public static Flyway flyway(DataSource dataSource) {
        return Flyway.configure(SchemaMigration.class.getClassLoader())
                .dataSource(dataSource)
                .locations(
                        "classpath:db/migration",
                        "classpath:db/" + SupportedDatabase.of(dataSource).folder())
                .javaMigrations(new V9__DropDuplicateDeliveryRecipientIndex())
                // The schema is shared with WildFly's JDBC job repository (JBeret creates its tables at
                // server start), so on first run it is not empty: start the history below V1.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load();
    }
}
