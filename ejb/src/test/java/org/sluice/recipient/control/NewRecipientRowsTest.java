package org.sluice.recipient.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sluice.recipient.entity.Recipient;
import org.sluice.schema.SchemaMigration;

/** An import chunk's plain SQL on Sluice's real schema (Flyway migrations) in an in-memory H2. */
class NewRecipientRowsTest {

    private Connection connection;
    private NewRecipientRows rows;

    @BeforeEach
    void migratedDatabase() throws Exception {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:import" + System.nanoTime() + ";DB_CLOSE_DELAY=0");
        dataSource.setUser("sa");
        connection = dataSource.getConnection();
        SchemaMigration.flyway(dataSource).migrate();
        try (Statement s = connection.createStatement()) {
            s.execute("INSERT INTO mta (id, name, host, port, tls_mode, max_connections, enabled)"
                    + " VALUES (7, 'default', '127.0.0.1', 25, 'NONE', 2, TRUE)");
            for (int campaign : List.of(42, 43)) {
                s.execute("INSERT INTO campaign (id, name, from_address, subject_template, status, mta_id, chunk_size,"
                        + " connections, created_at) VALUES (" + campaign + ", 'News', 'news@example.com', 'Hi',"
                        + " 'DRAFT', 7, 100, 2, CURRENT_TIMESTAMP)");
            }
        }
        rows = new NewRecipientRows(connection, false);
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    @Test
    void aChunkIsInsertedWithEveryColumnAndIdsFromTheEntitysBlocks() throws Exception {
        List<ValidRow> chunk = new ArrayList<>();
        for (int line = 2; line < 2 + Recipient.ID_BLOCK + 3; line++) { // more than one block of ids
            chunk.add(new ValidRow(
                    line,
                    RecipientAddress.parse("Person" + line + "@Example.ORG"),
                    line % 2 == 0 ? "Person " + line : null,
                    line % 3 == 0 ? Map.of() : mergeValues("Seoul", "이" + line)));
        }
        Timestamp now = Timestamp.from(Instant.parse("2026-12-01T10:15:30Z"));
        rows.insert(42, chunk, now);

        List<String> stored = query("SELECT id, campaign_id, address, address_key, display_name, merge_values,"
                + " source_line, updated_at FROM recipient ORDER BY source_line");
        assertEquals(chunk.size(), stored.size());
        ValidRow first = chunk.get(0);
        assertEquals(
                "1|42|" + first.address().address() + "|" + first.address().key()
                        + "|Person 2|{\"city\":\"Seoul\",\"first_name\":\"이2\"}|2|" + now,
                stored.get(0));
        ValidRow second = chunk.get(1);
        assertEquals(
                "2|42|" + second.address().address() + "|" + second.address().key() + "|null|null|3|" + now,
                stored.get(1));
        Set<String> ids = new HashSet<>(query("SELECT id FROM recipient"));
        assertEquals(chunk.size(), ids.size(), "every id once");
        assertTrue(ids.contains(String.valueOf(Recipient.ID_BLOCK + 1)), "the second block: " + ids);
        assertEquals(
                List.of(String.valueOf(2 * Recipient.ID_BLOCK)),
                query("VALUES CURRENT VALUE FOR recipient_seq"),
                "two blocks taken, each value the last id of its block (as EclipseLink counts them)");
    }

    private static Map<String, String> mergeValues(String city, String firstName) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("city", city);
        values.put("first_name", firstName);
        return values;
    }

    @Test
    void theCampaignsExistingAddressesAreFoundWithTheirLinesAndOnlyThatCampaigns() throws Exception {
        rows.insert(42, List.of(row(7, "known@example.org"), row(8, "Also@Example.org")), now());
        rows.insert(43, List.of(row(9, "other@example.org")), now());
        try (Statement s = connection.createStatement()) {
            s.execute("INSERT INTO recipient (id, campaign_id, address, address_key) VALUES (9999, 42,"
                    + " 'queried@example.org', 'queried@example.org')"); // a query import's row: no line
        }

        Map<String, Long> existing = rows.existing(
                42,
                List.of(
                        "known@example.org",
                        RecipientAddress.parse("Also@Example.org").key(),
                        "other@example.org",
                        "queried@example.org",
                        "new@example.org"));

        assertEquals(
                Map.of(
                        "known@example.org",
                        -7L,
                        RecipientAddress.parse("Also@Example.org").key(),
                        -8L,
                        "queried@example.org",
                        0L),
                new LinkedHashMap<>(existing));
        assertEquals(Map.of(), rows.existing(42, List.of()));
    }

    @Test
    void hostileTextIsStoredAsDataAndAValueTooLongForItsColumnFailsTheWholeChunk() throws Exception {
        String hostile = "x'); DROP TABLE recipient; --";
        rows.insert(42, List.of(new ValidRow(5, RecipientAddress.parse("a@example.org"), hostile, Map.of())), now());
        assertEquals(List.of(hostile), query("SELECT display_name FROM recipient"));

        List<ValidRow> chunk = List.of(
                row(6, "b@example.org"),
                new ValidRow(7, RecipientAddress.parse("c@example.org"), "n".repeat(401), Map.of()));
        SQLException tooLong = assertThrows(SQLException.class, () -> rows.insert(42, chunk, now()));
        assertTrue(tooLong.getMessage().contains("DISPLAY_NAME"), tooLong.getMessage());
        assertEquals(
                List.of("a@example.org"), query("SELECT address FROM recipient"), "nothing cut, nothing half-stored");
    }

    private static ValidRow row(long line, String address) throws InvalidRecipientException {
        return new ValidRow(line, RecipientAddress.parse(address), null, Map.of());
    }

    private static Timestamp now() {
        return Timestamp.from(Instant.now());
    }

    private List<String> query(String sql) {
        List<String> result = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(String.valueOf(rs.getObject(i)));
                }
                result.add(String.join("|", values));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return result;
    }
}
