package org.sluice.slice.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.sluice.load.control.SlotLocks;

/**
 * The send slices of campaigns in table {@code send_slice} and this server's claims on them. A claim is a slot lock
 * ({@link SlotLocks}: on PostgreSQL an advisory lock of this server's database session, so a server that dies frees
 * its claims with its connection and no one has to decide that it died). This server also remembers what it holds,
 * since a session's advisory locks can be taken twice by the same session (two partitions of one server).
 * Not thread-safe: {@code SendSlices} guards it.
 */
public final class SliceClaims {

    /**
     * The lock number the server running a campaign's own job holds while it runs, beside the slices' numbers: while
     * that server's database session lives, the others see the job alive.
     */
    public static final int LEAD = SlicePlan.MAX_SLICES;

    private record Key(long campaignId, int number) {}

    private final DataSource dataSource;
    private final SlotLocks locks;
    private final String node;
    private final Set<Key> held = new HashSet<>();

    /**
     * @param dataSource outside JTA: a claim's row is written at once, whatever transaction the caller is in
     * @param node this server's name, shown with the slices it claimed
     */
    public SliceClaims(DataSource dataSource, SlotLocks locks, String node) {
        this.dataSource = dataSource;
        this.locks = locks;
        this.node = node;
    }

    /**
     * Cuts the campaign's recipients into slices, unless a slice of an earlier run is still to be finished: a restart
     * goes on with the slices it had.
     *
     * @return whether new slices were cut
     */
    public boolean plan(long campaignId, long firstId, long lastId, int size, int atLeast) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (count(c, campaignId, "state <> 'DONE'") > 0) {
                    c.rollback();
                    return false;
                }
                try (PreparedStatement delete = c.prepareStatement("DELETE FROM send_slice WHERE campaign_id = ?")) {
                    delete.setLong(1, campaignId);
                    delete.executeUpdate();
                }
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO send_slice"
                        + " (campaign_id, slice_no, first_id, last_id, state) VALUES (?, ?, ?, ?, 'OPEN')")) {
                    int number = 0;
                    for (long[] range : SlicePlan.cut(firstId, lastId, size, atLeast)) {
                        insert.setLong(1, campaignId);
                        insert.setInt(2, number++);
                        insert.setLong(3, range[0]);
                        insert.setLong(4, range[1]);
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                c.commit();
                return true;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failed("cutting campaign " + campaignId + " into send slices", e);
        }
    }

    /**
     * Claims a slice nobody holds: the preferred one if it is still to be finished (a partition resuming at its
     * checkpoint), otherwise the first OPEN one, otherwise the first in RETRY.
     *
     * @return the slice, or null when every unfinished slice is held (here or by another server)
     */
    public Slice claim(long campaignId, int preferred) {
        List<Slice> candidates = unfinishedSlices(campaignId);
        candidates.sort((a, b) -> Integer.compare(rank(a, preferred), rank(b, preferred)));
        for (Slice slice : candidates) {
            Key key = new Key(campaignId, slice.number());
            if (held.contains(key) || !locks.tryLock(campaignId, slice.number())) {
                continue;
            }
            held.add(key);
            // Read again under the claim: its last holder may have finished it since the list was read.
            Slice now = claimed(campaignId, slice.number());
            if (now != null && now.state() != SliceState.DONE) {
                return now;
            }
            release(slice, null);
        }
        return null;
    }

    private static int rank(Slice slice, int preferred) {
        if (slice.number() == preferred) {
            return -1;
        }
        return slice.state() == SliceState.OPEN ? slice.number() : SlicePlan.MAX_SLICES + slice.number();
    }

    /** Gives the claim back, first moving the slice to {@code state} (null keeps its state). */
    public void release(Slice slice, SliceState state) {
        Key key = new Key(slice.campaignId(), slice.number());
        if (!held.contains(key)) {
            return;
        }
        try {
            if (state != null && locks.stillHeld(slice.campaignId(), slice.number())) {
                update("UPDATE send_slice SET state = ? WHERE campaign_id = ? AND slice_no = ?", state.name(), slice);
            }
        } finally {
            held.remove(key);
            locks.unlock(slice.campaignId(), slice.number());
        }
    }

    /** False once the claim was lost (the database session that held it broke and another server took the slice). */
    public boolean stillHeld(Slice slice) {
        return held.contains(new Key(slice.campaignId(), slice.number()))
                && locks.stillHeld(slice.campaignId(), slice.number());
    }

    /** Holds the campaign's {@link #LEAD} lock; false when another server holds it (or it cannot be known now). */
    public boolean holdLead(long campaignId) {
        Key key = new Key(campaignId, LEAD);
        if (held.contains(key)) {
            return true;
        }
        if (!locks.tryLock(campaignId, LEAD)) {
            return false;
        }
        held.add(key);
        return true;
    }

    public void releaseLead(long campaignId) {
        if (held.remove(new Key(campaignId, LEAD))) {
            locks.unlock(campaignId, LEAD);
        }
    }

    /** Whether a server (this one included) holds the campaign's {@link #LEAD} lock; true when it cannot be known. */
    public boolean leadHeld(long campaignId) {
        if (held.contains(new Key(campaignId, LEAD))) {
            return true;
        }
        Set<Integer> locked = locks.locked(campaignId);
        return locked == null || locked.contains(LEAD);
    }

    /** Slices of the campaign not DONE yet, held or not. */
    public int unfinished(long campaignId) {
        try (Connection c = dataSource.getConnection()) {
            return count(c, campaignId, "state <> 'DONE'");
        } catch (SQLException e) {
            throw failed("counting the unfinished send slices of campaign " + campaignId, e);
        }
    }

    /** Slices of the campaign not DONE that no server holds: work for a server that joins. */
    public int claimable(long campaignId) {
        Set<Integer> locked = locks.locked(campaignId);
        if (locked == null) {
            return 0;
        }
        int free = 0;
        for (Slice slice : unfinishedSlices(campaignId)) {
            if (!locked.contains(slice.number()) && !held.contains(new Key(campaignId, slice.number()))) {
                free++;
            }
        }
        return free;
    }

    /** Every slice of the campaign, in order. */
    public List<SliceView> list(long campaignId) {
        Set<Integer> locked = locks.locked(campaignId);
        List<SliceView> views = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement("SELECT slice_no, first_id, last_id, state, node,"
                        + " claimed_at FROM send_slice WHERE campaign_id = ? ORDER BY slice_no")) {
            select.setLong(1, campaignId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    int number = rows.getInt(1);
                    Timestamp claimedAt = rows.getTimestamp(6);
                    views.add(new SliceView(
                            number,
                            rows.getLong(2),
                            rows.getLong(3),
                            SliceState.valueOf(rows.getString(4)),
                            rows.getString(5),
                            claimedAt == null ? null : claimedAt.toInstant(),
                            held.contains(new Key(campaignId, number)) || (locked != null && locked.contains(number))));
                }
            }
            return views;
        } catch (SQLException e) {
            throw failed("reading the send slices of campaign " + campaignId, e);
        }
    }

    /** Gives back every claim of this server (the deployment stops). */
    public void releaseAll() {
        for (Key key : List.copyOf(held)) {
            locks.unlock(key.campaignId(), key.number());
        }
        held.clear();
    }

    private List<Slice> unfinishedSlices(long campaignId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement("SELECT slice_no, first_id, last_id, state"
                        + " FROM send_slice WHERE campaign_id = ? AND state <> 'DONE' ORDER BY slice_no")) {
            select.setLong(1, campaignId);
            List<Slice> slices = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    slices.add(new Slice(
                            campaignId,
                            rows.getInt(1),
                            rows.getLong(2),
                            rows.getLong(3),
                            SliceState.valueOf(rows.getString(4))));
                }
            }
            return slices;
        } catch (SQLException e) {
            throw failed("reading the send slices of campaign " + campaignId, e);
        }
    }

    /** Records this server as the slice's holder and reads it back. */
    private Slice claimed(long campaignId, int number) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement mark = c.prepareStatement(
                    "UPDATE send_slice SET node = ?, claimed_at = ? WHERE campaign_id = ? AND slice_no = ?")) {
                mark.setString(1, node);
                mark.setTimestamp(2, Timestamp.from(Instant.now()));
                mark.setLong(3, campaignId);
                mark.setInt(4, number);
                mark.executeUpdate();
            }
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT first_id, last_id, state FROM send_slice" + " WHERE campaign_id = ? AND slice_no = ?")) {
                select.setLong(1, campaignId);
                select.setInt(2, number);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next()
                            ? new Slice(
                                    campaignId,
                                    number,
                                    rows.getLong(1),
                                    rows.getLong(2),
                                    SliceState.valueOf(rows.getString(3)))
                            : null;
                }
            }
        } catch (SQLException e) {
            throw failed("claiming send slice " + number + " of campaign " + campaignId, e);
        }
    }

    private void update(String sql, String value, Slice slice) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement update = c.prepareStatement(sql)) {
            update.setString(1, value);
            update.setLong(2, slice.campaignId());
            update.setInt(3, slice.number());
            update.executeUpdate();
        } catch (SQLException e) {
            throw failed("recording send slice " + slice.number() + " of campaign " + slice.campaignId(), e);
        }
    }

    private static int count(Connection c, long campaignId, String condition) throws SQLException {
        try (PreparedStatement select =
                c.prepareStatement("SELECT COUNT(*) FROM send_slice WHERE campaign_id = ? AND " + condition)) {
            select.setLong(1, campaignId);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static IllegalStateException failed(String what, SQLException e) {
        return new IllegalStateException(what + " failed: " + e.getMessage(), e);
    }
}
