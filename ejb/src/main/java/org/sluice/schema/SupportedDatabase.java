package org.sluice.schema;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The databases Sluice runs on (docs/database-support.md): PostgreSQL for production, H2 embedded for a first try.
 * Known by the name the JDBC driver reports, so a datasource pointed at anything else is refused at deployment with
 * its name, before a migration half-applies.
 */
public enum SupportedDatabase {
    H2("H2", "h2"),
    POSTGRESQL("PostgreSQL", "postgresql");

    private final String productName;
    private final String folder;

    SupportedDatabase(String productName, String folder) {
        this.productName = productName;
        this.folder = folder;
    }

    /** The folder under db/ with this database's own migrations. */
    public String folder() {
        return folder;
    }

    /** The database behind this connection. */
    public static SupportedDatabase of(Connection connection) throws SQLException {
        String name = connection.getMetaData().getDatabaseProductName();
        for (SupportedDatabase database : values()) {
            if (database.productName.equals(name)) {
                return database;
            }
        }
        throw new IllegalStateException("Sluice's datasource is a " + name + " database; Sluice runs on PostgreSQL"
                + " (production) and H2 (embedded): see docs/database-support.md");
    }

    /** The database behind this datasource. */
    public static SupportedDatabase of(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return of(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("connecting to Sluice's database failed: " + e.getMessage(), e);
        }
    }
}
