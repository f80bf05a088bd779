package org.sluice.delivery.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the ledger database for observers: the delivery records added since the previous call, counted per group ({@code SELECT <columns>, COUNT(*) ...
 * GROUP BY <columns>}), for observers that follow the ledger (Prometheus counters, the console's send rate) without
 * touching the send path. By id, so a call costs what was added, not what the table holds.
 * <p>
 * Each call counts up to the highest id the previous call saw: the ledger commits each group of records right after
 * inserting it (one short transaction), so by then every lower id is committed, and none is counted twice or
 * skipped. Not thread-safe: one caller (a timer) owns it.
 */
public final class LedgerReader {

    /** One counted group: its columns read from the row, then the count. */
    @FunctionalInterface
    public interface Group<T> {
        T read(ResultSet row, long count) throws SQLException;
    }

    private final String columns;
    private final String query;
    private boolean started;
    private long countedUpTo;
    private long seenUpTo;

    private LedgerReader(String columns, boolean fromNow) {
        this.columns = columns;
        this.query = DeliveryStatements.countRecordsByGroup(columns);
        this.started = !fromNow;
    }

    /** Counts every record, also those written before the first call. */
    public static LedgerReader fromTheStart(String columns) {
        return new LedgerReader(columns, false);
    }

    /** Counts only records written after the first call. */
    public static LedgerReader fromNow(String columns) {
        return new LedgerReader(columns, true);
    }

    /** The groups counted since the previous call (none on the first call of {@link #fromNow}). */
    public <T> List<T> count(Connection c, Group<T> group) throws SQLException {
        long max;
        try (PreparedStatement ps = c.prepareStatement(DeliveryStatements.HIGHEST_RECORD_ID);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            max = rs.getLong(1);
        }
        if (!started) { // the first call only sets the starting line
            started = true;
            countedUpTo = max;
            seenUpTo = max;
            return List.of();
        }
        long upTo = seenUpTo;
        seenUpTo = max;
        if (upTo <= countedUpTo) {
            return List.of();
        }
        List<T> groups = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(query)) {
            ps.setLong(1, countedUpTo);
            ps.setLong(2, upTo);
            try (ResultSet rs = ps.executeQuery()) {
                int countColumn = columns.split(",").length + 1;
                while (rs.next()) {
                    groups.add(group.read(rs, rs.getLong(countColumn)));
                }
            }
        }
        countedUpTo = upTo;
        return groups;
    }
}
