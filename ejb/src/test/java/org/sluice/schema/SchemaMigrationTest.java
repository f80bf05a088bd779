package org.sluice.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** Sluice's migrations on an empty H2, as on a first start. */
class SchemaMigrationTest {

    @Test
    void deliveryRecordsKeepOneIndexOnTheirRecipientAndTheForeignKeyStillHolds() throws Exception {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:schema" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        SchemaMigration.flyway(dataSource).migrate();

        assertEquals("9", SchemaMigration.flyway(dataSource).info().current().getVersion().getVersion());
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            List<String> indexes = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT INDEX_NAME FROM INFORMATION_SCHEMA.INDEX_COLUMNS"
                    + " WHERE TABLE_NAME = 'DELIVERY_RECORD' AND COLUMN_NAME = 'RECIPIENT_ID'")) {
                while (rs.next()) {
                    indexes.add(rs.getString(1));
                }
            }
            assertEquals(1, indexes.size(), "indexes on delivery_record.recipient_id: " + indexes);
            SQLException orphan = assertThrows(SQLException.class, () -> s.execute("INSERT INTO delivery_record"
                    + " (recipient_id, campaign_id, message_id, reply_code, attempt, sent_at)"
                    + " VALUES (12345, 1, '<m@x>', 250, 1, CURRENT_TIMESTAMP)"));
            assertEquals("23506", orphan.getSQLState(), orphan.getMessage()); // referential integrity violation
        }
    }
}
