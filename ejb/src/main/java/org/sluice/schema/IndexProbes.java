package org.sluice.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Runs statements that look rows up by key (a chunk's ids or addresses, one page of a campaign) with PostgreSQL's
 * planner kept to index probes, whatever its statistics say. Two ways the statistics mislead it while Sluice works:
 * a table that was empty when a plan was made (a new database's first campaign) gets a sequential scan, and pgjdbc's
 * server-prepared statements keep that generic plan while the table grows by hundreds of thousands of rows within
 * minutes, before autovacuum analyzes it; and with the default costs (random_page_cost 4, for spinning disks) a few
 * hundred probes price like a scan of a large table. Either way every chunk reads the whole table, O(n^2) over a
 * campaign: measured in docs/benchmarks.md. H2 is left alone: its planner picks the index here.
 * <p>
 * The setting is {@code SET LOCAL}: it needs the caller's transaction (autocommit off) and ends with it at the latest.
 */
public final class IndexProbes {

    /** A unit of work on the connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws SQLException;
    }

    private static final String PROBES_ONLY = "SET LOCAL enable_seqscan = off";
    private static final String SCANS_ALLOWED = "SET LOCAL enable_seqscan TO DEFAULT";

    private IndexProbes() {}

    /** Runs {@code work} with sequential scans out of the plans (on PostgreSQL), then allows them again. */
    public static <T> T only(Connection connection, Work<T> work) throws SQLException {
        if (!isPostgreSql(connection)) {
            return work.run();
        }
        execute(connection, PROBES_ONLY);
        T result = work.run(); // on a failure the transaction rolls back, and the setting with it
        execute(connection, SCANS_ALLOWED);
        return result;
    }

    private static boolean isPostgreSql(Connection connection) throws SQLException {
        return "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
