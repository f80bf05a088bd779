package org.sluice.recipient.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.sluice.recipient.control.AddressEvent;
import org.sluice.recipient.control.AddressTimeline;
import org.sluice.recipient.control.RecipientAddress;
import org.sluice.recipient.control.RecipientStatements;
import org.sluice.security.Roles;

/**
 * Everything Sluice did with one address, for the admin asked "did this customer get it?": each campaign it was a
 * recipient of with its state, and a timeline of every SMTP attempt (with the MTA and its reply), bounce, complaint
 * and suppression. Read by the address key, which leads the indexes it walks; each list is capped, newest first.
 */
@Stateless
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
public class AddressHistory {

    /** At most this many campaigns and this many events are read: a page for a person, not an export. */
    public static final int LIMIT = 500;

    @Resource(lookup = "java:jboss/datasources/SluiceDS")
    private DataSource dataSource;

    public AddressTimeline of(RecipientAddress address) {
        try (Connection c = dataSource.getConnection()) {
            List<AddressTimeline.Campaign> campaigns = campaigns(c, address.key());
            List<AddressEvent> events = new ArrayList<>();
            events.addAll(events(c, RecipientStatements.HISTORY_ATTEMPTS, address.key(), AddressHistory::attempt));
            events.addAll(events(c, RecipientStatements.HISTORY_BOUNCES, address.key(), AddressHistory::bounce));
            events.addAll(suppression(c, address.key()));
            // Newest first; at the same instant what followed from an attempt (its suppression) before the attempt.
            events.sort(Comparator.comparing(AddressEvent::at)
                    .thenComparing(AddressEvent::kind)
                    .reversed());
            boolean truncated = campaigns.size() > LIMIT || events.size() > LIMIT;
            return new AddressTimeline(
                    address.address(),
                    campaigns.subList(0, Math.min(LIMIT, campaigns.size())),
                    events.subList(0, Math.min(LIMIT, events.size())),
                    truncated);
        } catch (SQLException e) {
            throw new IllegalStateException("reading the history of " + address.address() + " failed: " + e, e);
        }
    }

    private static List<AddressTimeline.Campaign> campaigns(Connection c, String key) throws SQLException {
        List<AddressTimeline.Campaign> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(RecipientStatements.HISTORY_CAMPAIGNS)) {
            ps.setString(1, key);
            ps.setMaxRows(LIMIT + 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new AddressTimeline.Campaign(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getLong(3),
                            rs.getString(4),
                            rs.getInt(5),
                            rs.getString(6),
                            instant(rs.getTimestamp(7))));
                }
            }
        }
        return rows;
    }

    /** One result row as an event. */
    @FunctionalInterface
    private interface EventRow {
        AddressEvent of(ResultSet rs) throws SQLException;
    }

    private static List<AddressEvent> events(Connection c, String sql, String key, EventRow row) throws SQLException {
        List<AddressEvent> events = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, key);
            ps.setMaxRows(LIMIT + 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(row.of(rs));
                }
            }
        }
        return events;
    }

    /** Time, campaign, its name, attempt, reply code (-1: none), reply text, MTA. */
    private static AddressEvent attempt(ResultSet rs) throws SQLException {
        int code = rs.getInt(5);
        String mta = rs.getString(7);
        return new AddressEvent(
                instant(rs.getTimestamp(1)),
                rs.getLong(2),
                rs.getString(3),
                AddressEvent.Kind.ATTEMPT,
                "attempt " + rs.getInt(4) + (mta == null ? "" : " via " + mta) + ": " + (code < 0 ? "no reply" : code)
                        + " " + nonNull(rs.getString(6)));
    }

    /** Time, campaign, its name, kind (HARD, SOFT, COMPLAINT), status, diagnostic. */
    private static AddressEvent bounce(ResultSet rs) throws SQLException {
        String kind = rs.getString(4);
        String status = rs.getString(5);
        String diagnostic = rs.getString(6);
        return new AddressEvent(
                instant(rs.getTimestamp(1)),
                rs.getLong(2),
                rs.getString(3),
                "COMPLAINT".equals(kind) ? AddressEvent.Kind.COMPLAINT : AddressEvent.Kind.BOUNCE,
                kind.toLowerCase(Locale.ROOT)
                        + (status == null ? "" : " " + status)
                        + (diagnostic == null ? "" : ": " + diagnostic));
    }

    private static List<AddressEvent> suppression(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(RecipientStatements.HISTORY_SUPPRESSION)) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return List.of();
                }
                Number campaign = (Number) rs.getObject(2);
                return List.of(new AddressEvent(
                        instant(rs.getTimestamp(1)),
                        campaign == null ? null : campaign.longValue(),
                        rs.getString(3),
                        AddressEvent.Kind.SUPPRESSED,
                        rs.getString(4) + (rs.getString(5) == null ? "" : ": " + rs.getString(5))));
            }
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? Instant.EPOCH : t.toInstant();
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
