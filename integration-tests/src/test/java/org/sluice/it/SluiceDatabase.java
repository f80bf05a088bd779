package org.sluice.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Sluice's own database (H2 in file mode, opened through AUTO_SERVER while WildFly holds it, or the PostgreSQL
 * database of the suite's profile), so tests assert on the rows an admin would query, not only on what the API
 * chooses to show.
 */
public final class SluiceDatabase {

    private final String url;
    private final String user;
    private final String password;

    SluiceDatabase(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** The database of the suite's server (Arquillian container "wildfly"). */
    public static SluiceDatabase suiteServer() {
        return of(
                System.getProperty("sluice.it.db-url"),
                System.getProperty("sluice.it.db-user", "sa"),
                System.getProperty("sluice.it.db-password", "sa"),
                System.getProperty("sluice.it.base"));
    }

    /** The database of the server the restart and kill tests stop and start ("wildfly-restartable"). */
    public static SluiceDatabase restartServer() {
        return of(
                System.getProperty("sluice.it.restart-db-url"),
                System.getProperty("sluice.it.restart-db-user", "sa"),
                System.getProperty("sluice.it.restart-db-password", "sa"),
                System.getProperty("sluice.it.restart-base"));
    }

    /** The embedded H2 database configure-sluice.cli gives a server without PostgreSQL, in its base dir. */
    public static SluiceDatabase embeddedH2(String serverBaseDir) {
        return new SluiceDatabase("jdbc:h2:file:" + serverBaseDir + "/data/sluice/sluice;AUTO_SERVER=TRUE", "sa", "sa");
    }

    /** The database the build gave the server, else the embedded H2 file in the server's base dir. */
    private static SluiceDatabase of(String url, String user, String password, String serverBaseDir) {
        return url == null || url.isEmpty() ? embeddedH2(serverBaseDir) : new SluiceDatabase(url, user, password);
    }

    /** Whether this is the embedded H2 database (else PostgreSQL). */
    public boolean isH2() {
        return url.startsWith("jdbc:h2:");
    }

    /** A session of its own on the database, as another Sluice server sharing it would have. */
    public Connection openSession() throws SQLException {
        return connect();
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /** A recipient as its outcome row has it (none: PENDING): its state and the MTA's last reply. */
    public record RecipientRow(String state, String lastReply, int attempts) {}

    public Map<String, RecipientRow> recipients(long campaignId) {
        Map<String, RecipientRow> rows = new HashMap<>();
        query(
                "SELECT r.address, COALESCE(o.state, 'PENDING'), o.last_reply, COALESCE(o.attempts, 0) FROM recipient r"
                        + " LEFT JOIN recipient_outcome o ON o.recipient_id = r.id WHERE r.campaign_id = ?",
                campaignId,
                rs -> {
                    rows.put(rs.getString(1), new RecipientRow(rs.getString(2), rs.getString(3), rs.getInt(4)));
                });
        return rows;
    }

    /** A campaign's recipients and how many are in each state. */
    public record StateCounts(long recipients, long pending, long sent, long deferred, long failed, long suppressed) {}

    /**
     * Fails unless a campaign's recipient counters (recipient_count, what the API and the console show) equal a count
     * of its recipient and outcome rows; both read in one SERIALIZABLE transaction, H2's snapshot of the whole
     * database, so a write committed in between cannot make them differ.
     */
    public void assertCountsEqualARecount(long campaignId) {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
            StateCounts counters = counts(
                    c,
                    "SELECT recipients, pending, sent, deferred, failed, suppressed FROM recipient_count"
                            + " WHERE campaign_id = ?",
                    campaignId);
            StateCounts tables = counts(
                    c,
                    "SELECT COUNT(*),"
                            + " SUM(CASE WHEN o.state IS NULL OR o.state = 'PENDING' THEN 1 ELSE 0 END),"
                            + " SUM(CASE WHEN o.state = 'SENT' THEN 1 ELSE 0 END),"
                            + " SUM(CASE WHEN o.state = 'DEFERRED' THEN 1 ELSE 0 END),"
                            + " SUM(CASE WHEN o.state = 'FAILED' THEN 1 ELSE 0 END),"
                            + " SUM(CASE WHEN o.state = 'SUPPRESSED' THEN 1 ELSE 0 END)"
                            + " FROM recipient r LEFT JOIN recipient_outcome o ON o.recipient_id = r.id"
                            + " WHERE r.campaign_id = ?",
                    campaignId);
            c.rollback();
            if (!tables.equals(counters)) {
                throw new AssertionError("campaign " + campaignId + ": counters " + counters
                        + " differ from a recount of the tables " + tables);
            }
        } catch (SQLException e) {
            throw new AssertionError("recounting campaign " + campaignId + " failed: " + e.getMessage(), e);
        }
    }

    private static StateCounts counts(Connection c, String sql, long campaignId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, campaignId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new AssertionError("campaign " + campaignId + " has no row for: " + sql);
                }
                return new StateCounts(
                        rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6));
            }
        }
    }

    /** delivery_record rows per reply code for a campaign. */
    public Map<Integer, Long> deliveryRecordsByReplyCode(long campaignId) {
        Map<Integer, Long> counts = new HashMap<>();
        query(
                "SELECT reply_code, COUNT(*) FROM delivery_record WHERE campaign_id = ? GROUP BY reply_code",
                campaignId,
                rs -> counts.put(rs.getInt(1), rs.getLong(2)));
        return counts;
    }

    /** One delivery_record row: the SMTP transaction as Sluice recorded it. */
    public record DeliveryRecordRow(String messageId, int replyCode, int attempt) {}

    /** delivery_record rows of a campaign by recipient address. */
    public Map<String, List<DeliveryRecordRow>> deliveryRecords(long campaignId) {
        Map<String, List<DeliveryRecordRow>> rows = new HashMap<>();
        query(
                "SELECT r.address, d.message_id, d.reply_code, d.attempt FROM delivery_record d"
                        + " JOIN recipient r ON r.id = d.recipient_id WHERE d.campaign_id = ? ORDER BY d.id",
                campaignId,
                rs -> rows.computeIfAbsent(rs.getString(1), a -> new ArrayList<>())
                        .add(new DeliveryRecordRow(rs.getString(2), rs.getInt(3), rs.getInt(4))));
        return rows;
    }

    /**
     * H2's WRITE_DELAY in ms: how long a committed change may stay in H2's memory before its background writer
     * stores it in the file (H2 2.x MVStore; 500 by default).
     */
    public int h2WriteDelayMillis() {
        if (!isH2()) {
            return 0; // PostgreSQL: a commit is on disk when it returns (synchronous_commit)
        }
        try (Connection c = connect();
                var s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")) {
            if (!rs.next()) {
                throw new AssertionError("H2 does not report WRITE_DELAY");
            }
            return Integer.parseInt(rs.getString(1));
        } catch (SQLException e) {
            throw new AssertionError("reading H2's WRITE_DELAY failed: " + e.getMessage(), e);
        }
    }

    /** A suppression list entry as stored, or null if the address key is not on the list. */
    public record SuppressionRow(String reason, String detail, Long campaignId) {}

    public SuppressionRow suppression(String addressKey) {
        try (Connection c = connect();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT reason, detail, campaign_id FROM suppression WHERE address_key = ?")) {
            ps.setString(1, addressKey);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new SuppressionRow(rs.getString(1), rs.getString(2), (Long) rs.getObject(3)) : null;
            }
        } catch (SQLException e) {
            throw new AssertionError("querying Sluice's suppression list failed: " + e.getMessage(), e);
        }
    }

    /** Runs DDL/DML in Sluice's database, e.g. a customer table for a JDBC import. */
    public void execute(String... statements) {
        try (Connection c = connect();
                var s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new AssertionError("executing SQL in Sluice's database failed: " + e.getMessage(), e);
        }
    }

    /** The parameters JBeret stored for a job execution (its JDBC job repository), as text. */
    public String jobParameters(long executionId) {
        return strings("SELECT jobparameters FROM job_execution WHERE jobexecutionid = " + executionId)
                .get(0);
    }

    /** Tables and aliases or functions (user-defined) in Sluice's database, but the database's own. */
    public List<String> objects() {
        String own = isH2() ? "('INFORMATION_SCHEMA')" : "('information_schema', 'pg_catalog')";
        return strings("SELECT table_name FROM information_schema.tables WHERE table_schema NOT IN " + own
                + " UNION ALL SELECT routine_name FROM information_schema.routines WHERE routine_schema NOT IN " + own
                + " ORDER BY 1");
    }

    /** The first column of every row of a query. */
    public List<String> strings(String sql) {
        try (Connection c = connect();
                var s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new AssertionError("querying Sluice's database failed: " + e.getMessage(), e);
        }
    }

    /** The lowest id of a recipient still PENDING or DEFERRED, read the slow way (every row), or null. */
    public Long firstOpenRecipientId(long campaignId) {
        Long[] first = new Long[1];
        query(
                "SELECT MIN(r.id) FROM recipient r LEFT JOIN recipient_outcome o ON o.recipient_id = r.id"
                        + " WHERE r.campaign_id = ? AND (o.state IS NULL OR o.state IN ('PENDING', 'DEFERRED'))",
                campaignId,
                rs -> first[0] = rs.getObject(1) == null ? null : rs.getLong(1));
        return first[0];
    }

    /** Merge values of one recipient as stored (a JSON object). */
    public String mergeValues(long campaignId, String address) {
        String[] json = new String[1];
        query(
                "SELECT merge_values FROM recipient WHERE campaign_id = ? AND address = '" + address.replace("'", "''")
                        + "'",
                campaignId,
                rs -> json[0] = rs.getString(1));
        return json[0];
    }

    /** Runs one UPDATE or DELETE with parameters (an Instant is bound as a TIMESTAMP); returns the rows changed. */
    public int update(String sql, Object... parameters) {
        try (Connection c = connect();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(
                        i + 1,
                        parameters[i] instanceof java.time.Instant at ? java.sql.Timestamp.from(at) : parameters[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new AssertionError("updating Sluice's database failed: " + e.getMessage(), e);
        }
    }

    /** The single number a counting query answers, e.g. rows with a given name. */
    public long count(String sql, Object... parameters) {
        return ((Number) rows(sql, parameters).get(0).get(0)).longValue();
    }

    /** Every row of a query, each as its column values in order (for tables no other method reads). */
    public List<List<Object>> rows(String sql, Object... parameters) {
        try (Connection c = connect();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            List<List<Object>> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>(columns);
                    for (int column = 1; column <= columns; column++) {
                        row.add(rs.getObject(column));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new AssertionError("querying Sluice's database failed: " + sql + ": " + e.getMessage(), e);
        }
    }

    private interface RowHandler {
        void handle(ResultSet rs) throws SQLException;
    }

    private void query(String sql, long campaignId, RowHandler handler) {
        try (Connection c = connect();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, campaignId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    handler.handle(rs);
                }
            }
        } catch (SQLException e) {
            throw new AssertionError("querying Sluice's database failed: " + e.getMessage(), e);
        }
    }
}
