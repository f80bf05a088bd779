package org.sluice.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sluice.schema.SchemaMigration;

/** The observers' view of the ledger on Sluice's real schema in H2: each record counted once, in the call after it. */
class LedgerReaderTest {

    private Connection c;
    private int nextRecipient = 1;

    @BeforeEach
    void migratedDatabase() throws Exception {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:tail" + System.nanoTime() + ";DB_CLOSE_DELAY=0");
        dataSource.setUser("sa");
        c = dataSource.getConnection();
        SchemaMigration.flyway(dataSource).migrate();
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO mta (id, name, host, port, tls_mode, max_connections, enabled)"
                    + " VALUES (7, 'default', '127.0.0.1', 25, 'NONE', 2, TRUE)");
            s.execute("INSERT INTO campaign (id, name, from_address, subject_template, status, mta_id, chunk_size,"
                    + " connections, created_at) VALUES (42, 'News', 'news@example.com', 'Hi', 'SENDING', 7, 100, 2,"
                    + " CURRENT_TIMESTAMP)");
        }
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    @Test
    void fromTheStartCountsEarlierRecordsAndEachRecordOnceOneCallAfterItWasSeen() throws Exception {
        LedgerReader tail = LedgerReader.fromTheStart("reply_code");
        record(250, 250, 550);
        assertEquals(List.of(), counts(tail), "the first call only sees how far the records go");
        record(250);
        assertEquals(List.of("250=2", "550=1"), counts(tail), "up to what the previous call saw");
        assertEquals(List.of("250=1"), counts(tail));
        assertEquals(List.of(), counts(tail), "nothing new");
    }

    @Test
    void fromNowIgnoresWhatWasWrittenBeforeTheFirstCall() throws Exception {
        record(250, 250);
        LedgerReader tail = LedgerReader.fromNow("reply_code");
        assertEquals(List.of(), counts(tail));
        record(451);
        assertEquals(List.of(), counts(tail), "seen, counted at the next call");
        assertEquals(List.of("451=1"), counts(tail));
    }

    private List<String> counts(LedgerReader tail) throws SQLException {
        return tail.count(c, (row, count) -> row.getInt(1) + "=" + count).stream()
                .sorted()
                .toList();
    }

    private void record(int... replyCodes) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (int code : replyCodes) {
                int id = nextRecipient++;
                s.execute("INSERT INTO recipient (id, campaign_id, address, address_key) VALUES (" + id + ", 42, 'r"
                        + id + "@example.org', 'r" + id + "@example.org')");
                s.execute(
                        "INSERT INTO delivery_record (recipient_id, campaign_id, mta_id, message_id, reply_code, attempt, sent_at)"
                                + " VALUES (" + id + ", 42, 7, '<m" + id + ">', " + code + ", 1, CURRENT_TIMESTAMP)");
            }
        }
    }
}
