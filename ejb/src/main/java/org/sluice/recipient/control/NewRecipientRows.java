package org.sluice.recipient.control;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sluice.recipient.entity.MergeValuesCodec;
import org.sluice.recipient.entity.Recipient;
import org.sluice.schema.IndexProbes;

/**
 * An import's chunk in the recipient table, on the connection of the chunk's transaction: which of its addresses the
 * campaign has already, and its new recipients written with one statement. Plain SQL rather than the entity, because
 * an import writes a million rows: one INSERT over arrays costs PostgreSQL a fraction of a JDBC batch of single-row
 * INSERTs (and EclipseLink's unit of work per row), see docs/benchmarks.md.
 */
public final class NewRecipientRows {

    private final Connection connection;
    private final boolean postgresql;

    /**
     * @param postgresql whether the connection is PostgreSQL's (otherwise H2's)
     */
    public NewRecipientRows(Connection connection, boolean postgresql) {
        this.connection = connection;
        this.postgresql = postgresql;
    }

    /**
     * The campaign's recipients among these address keys, each mapped to minus its source line, which tells them apart
     * from lines of the chunk (0: no line known, e.g. a row of a query import).
     */
    public Map<String, Long> existing(long campaignId, Collection<String> keys) throws SQLException {
        Map<String, Long> existing = new HashMap<>();
        if (keys.isEmpty()) {
            return existing;
        }
        // The plan must probe the unique (address_key, campaign_id) index key by key, whatever the statistics say:
        // any other plan reads the whole campaign (or table) once per chunk, O(n^2) over an import.
        IndexProbes.only(connection, () -> {
            try (PreparedStatement select = connection.prepareStatement(RecipientStatements.EXISTING_KEYS)) {
                select.setArray(1, connection.createArrayOf("VARCHAR", keys.toArray(String[]::new)));
                select.setLong(2, campaignId);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        long line = rs.getLong(2);
                        existing.put(rs.getString(1), rs.wasNull() ? 0L : -line);
                    }
                }
            }
            return existing;
        });
        return existing;
    }

    /** Inserts these rows as PENDING recipients of the campaign (none of them in it yet), imported at {@code now}. */
    public void insert(long campaignId, List<ValidRow> rows, Timestamp now) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        int n = rows.size();
        Long[] ids = newIds(n);
        String[] addresses = new String[n];
        String[] keys = new String[n];
        String[] displayNames = new String[n];
        String[] mergeValues = new String[n];
        Long[] sourceLines = new Long[n];
        for (int i = 0; i < n; i++) {
            ValidRow row = rows.get(i);
            addresses[i] = row.address().address();
            keys[i] = row.address().key();
            displayNames[i] = row.displayName();
            mergeValues[i] = MergeValuesCodec.encode(row.mergeValues());
            sourceLines[i] = row.lineNumber();
        }
        try (PreparedStatement insert = connection.prepareStatement(RecipientStatements.INSERT_RECIPIENTS)) {
            insert.setLong(1, campaignId);
            insert.setTimestamp(2, now);
            insert.setArray(3, bigints(ids));
            insert.setArray(4, varchars(addresses));
            insert.setArray(5, varchars(keys));
            insert.setArray(6, varchars(displayNames));
            insert.setArray(7, varchars(mergeValues));
            insert.setArray(8, bigints(sourceLines));
            int inserted = insert.executeUpdate();
            if (inserted != n) {
                throw new SQLException(n + " recipients to insert, " + inserted + " inserted");
            }
        }
    }

    /** n ids from blocks of recipient_seq, the same blocks EclipseLink takes for the entity (never shared). */
    private Long[] newIds(int n) throws SQLException {
        Long[] ids = new Long[n];
        String next = postgresql ? RecipientStatements.NEXT_ID_BLOCK_POSTGRESQL : RecipientStatements.NEXT_ID_BLOCK_H2;
        try (PreparedStatement block = connection.prepareStatement(next)) {
            for (int i = 0; i < n; ) {
                long last;
                try (ResultSet rs = block.executeQuery()) {
                    rs.next();
                    last = rs.getLong(1);
                }
                for (long id = last - Recipient.ID_BLOCK + 1; id <= last && i < n; id++) {
                    ids[i++] = id;
                }
            }
        }
        return ids;
    }

    private Array bigints(Long[] values) throws SQLException {
        return connection.createArrayOf("BIGINT", values);
    }

    private Array varchars(String[] values) throws SQLException {
        return connection.createArrayOf("VARCHAR", values);
    }
}
