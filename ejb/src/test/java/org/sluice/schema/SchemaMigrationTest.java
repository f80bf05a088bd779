package org.sluice.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
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

        assertEquals(
                "19",
                SchemaMigration.flyway(dataSource).info().current().getVersion().getVersion());
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            List<String> indexes = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT INDEX_NAME FROM INFORMATION_SCHEMA.INDEX_COLUMNS"
                    + " WHERE TABLE_NAME = 'DELIVERY_RECORD' AND COLUMN_NAME = 'RECIPIENT_ID'")) {
                while (rs.next()) {
                    indexes.add(rs.getString(1));
                }
            }
            assertEquals(1, indexes.size(), "indexes on delivery_record.recipient_id: " + indexes);
            SQLException orphan = assertThrows(
                    SQLException.class,
                    () -> s.execute("INSERT INTO delivery_record"
                            + " (recipient_id, campaign_id, message_id, reply_code, attempt, sent_at)"
                            + " VALUES (12345, 1, '<m@x>', 250, 1, CURRENT_TIMESTAMP)"));
            assertEquals("23506", orphan.getSQLState(), orphan.getMessage()); // referential integrity violation
        }
    }

    @Test
    void version10MovesEveryRecipientsStateIntoItsOutcomeRowAndKeepsThePendingOnesWithout() throws Exception {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:outcomes" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        Flyway.configure(SchemaMigration.class.getClassLoader())
                .configuration(SchemaMigration.flyway(dataSource).getConfiguration())
                .target("9")
                .load()
                .migrate();
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute(
                    "INSERT INTO campaign (id, name, from_address, subject_template, status, chunk_size, connections,"
                            + " created_at) VALUES (1, 'News', 'news@example.com', 'Hi', 'SENDING', 100, 1, CURRENT_TIMESTAMP)");
            s.execute("INSERT INTO recipient (id, campaign_id, address, address_key, state, last_reply, attempts,"
                    + " next_attempt_at, deferred_since, updated_at) VALUES"
                    + " (1, 1, 'a@x.org', 'a@x.org', 'PENDING', NULL, 0, NULL, NULL, NULL),"
                    + " (2, 1, 'b@x.org', 'b@x.org', 'SENT', '250 Ok', 1, NULL, NULL, TIMESTAMP '2026-01-02 03:04:05'),"
                    + " (3, 1, 'c@x.org', 'c@x.org', 'DEFERRED', '451 Busy', 2, TIMESTAMP '2026-01-02 04:00:00',"
                    + " TIMESTAMP '2026-01-02 03:00:00', TIMESTAMP '2026-01-02 03:30:00'),"
                    + " (4, 1, 'd@x.org', 'd@x.org', 'PENDING', NULL, 1, NULL, NULL, TIMESTAMP '2026-01-02 03:04:05')");
        }

        SchemaMigration.flyway(dataSource).migrate();

        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT recipient_id, campaign_id, state, last_reply, attempts, next_attempt_at,"
                                + " deferred_since, updated_at FROM recipient_outcome ORDER BY recipient_id")) {
            List<String> outcomes = new ArrayList<>();
            while (rs.next()) {
                outcomes.add(rs.getLong(1) + "|" + rs.getLong(2) + "|" + rs.getString(3) + "|" + rs.getString(4) + "|"
                        + rs.getInt(5) + "|" + rs.getString(6) + "|" + rs.getString(7) + "|" + rs.getString(8));
            }
            assertEquals(
                    List.of(
                            "2|1|SENT|250 Ok|1|null|null|2026-01-02 03:04:05",
                            "3|1|DEFERRED|451 Busy|2|2026-01-02 04:00:00|2026-01-02 03:00:00|2026-01-02 03:30:00",
                            // a lost transaction counted an attempt: the count stays, the recipient stays PENDING
                            "4|1|PENDING|null|1|null|null|2026-01-02 03:04:05"),
                    outcomes);
        }
    }

    @Test
    void version13CountsTheRecipientsOfEveryExistingCampaignByState() throws Exception {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:counts" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        Flyway.configure(SchemaMigration.class.getClassLoader())
                .configuration(SchemaMigration.flyway(dataSource).getConfiguration())
                .target("12")
                .load()
                .migrate();
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            for (int campaign = 1; campaign <= 3; campaign++) {
                s.execute("INSERT INTO campaign (id, name, from_address, subject_template, status, chunk_size,"
                        + " connections, created_at) VALUES (" + campaign + ", 'News', 'news@example.com', 'Hi',"
                        + " 'SENDING', 100, 1, CURRENT_TIMESTAMP)");
            }
            s.execute("INSERT INTO recipient (id, campaign_id, address, address_key) SELECT X, CASE WHEN X <= 6 THEN 1"
                    + " ELSE 2 END, 'r' || X || '@x.org', 'r' || X || '@x.org' FROM SYSTEM_RANGE(1, 8)");
            s.execute("INSERT INTO recipient_outcome (recipient_id, campaign_id, state, attempts, updated_at) VALUES"
                    + " (1, 1, 'SENT', 1, CURRENT_TIMESTAMP), (2, 1, 'SENT', 2, CURRENT_TIMESTAMP),"
                    + " (3, 1, 'DEFERRED', 1, CURRENT_TIMESTAMP), (4, 1, 'FAILED', 1, CURRENT_TIMESTAMP),"
                    + " (5, 1, 'PENDING', 1, CURRENT_TIMESTAMP), (7, 2, 'SUPPRESSED', 0, CURRENT_TIMESTAMP)");
        }

        SchemaMigration.flyway(dataSource).migrate();

        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT campaign_id, recipients, pending, sent, deferred, failed,"
                        + " suppressed FROM recipient_count ORDER BY campaign_id")) {
            List<String> counts = new ArrayList<>();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int column = 1; column <= 7; column++) {
                    row.append(column > 1 ? "|" : "").append(rs.getLong(column));
                }
                counts.add(row.toString());
            }
            assertEquals(
                    List.of(
                            // a lost transaction's PENDING row and no outcome row alike: PENDING
                            "1|6|2|2|1|1|0", "2|2|1|0|0|0|1", "3|0|0|0|0|0|0"),
                    counts);
        }
    }
}
