package org.sluice.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * On H2, drops index delivery_record_recipient: H2 had already given the foreign key delivery_record.recipient_id
 * an index of its own on the same column, so every delivery record paid for two identical B-tree inserts. Other
 * databases (PostgreSQL among them) do not index a foreign key by themselves, so there the index stays. A Java
 * migration because the decision depends on the database; registered in {@link SchemaMigration}.
 */
public final class V9__DropDuplicateDeliveryRecipientIndex extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        if (!"H2".equals(connection.getMetaData().getDatabaseProductName())) {
            return;
        }
        try (Statement drop = connection.createStatement()) {
            drop.execute("DROP INDEX IF EXISTS delivery_record_recipient");
        }
    }
}
