package org.sluice.event.control;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * Writes events to the outbox (table event_outbox) on a JDBC connection, in its transaction: the send job's ledger
 * adds a group's delivery events in the group's own transaction, so they commit with the outcomes or not at all.
 */
public final class OutboxRows {

    /** Events per outbox row: a row is one webhook post and stays well inside its column. */
    public static final int MAX_EVENTS_PER_ROW = 100;

    static final String INSERT = "INSERT INTO event_outbox (created_at, event_count, events) VALUES (?, ?, ?)";

    private OutboxRows() {}

    public static void insert(Connection connection, List<JsonObject> events, Instant now) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (int from = 0; from < events.size(); from += MAX_EVENTS_PER_ROW) {
                List<JsonObject> row = events.subList(from, Math.min(events.size(), from + MAX_EVENTS_PER_ROW));
                insert.setTimestamp(1, Timestamp.from(now));
                insert.setInt(2, row.size());
                insert.setString(3, asArray(row));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    public static String asArray(List<JsonObject> events) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        events.forEach(array::add);
        return array.build().toString();
    }
}
