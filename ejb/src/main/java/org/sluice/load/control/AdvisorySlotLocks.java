package org.sluice.load.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Numbered slots as PostgreSQL session-level advisory locks, all held on one database connection of this server:
 * slot {@code i} of owner {@code m} in a space is the lock {@code (m, space + i)} (PostgreSQL 15 manual, 13.3.5
 * Advisory Locks). Three spaces: the connection slots of an MTA ({@link #SLOTS}), the send slices of a campaign
 * ({@link #SLICES}) and the writers sending to an MTA now ({@link #SENDERS}).
 * PostgreSQL releases a session's locks when its connection ends, so a server that dies, even by SIGKILL (the kernel
 * closes its sockets), frees its slots at once, and no one has to decide that it died. If the connection breaks while
 * the server lives, its slots are locked again on a new one; a slot another server took meanwhile is lost, and its
 * holder closes its SMTP connection. Not thread-safe: {@code MtaStatusBoard} guards it with its lock.
 */
public final class AdvisorySlotLocks implements SlotLocks {

    /** The second key of Sluice's slot locks starts here ("SL"), away from other uses of advisory locks. */
    public static final int SLOTS = 0x534C0000;

    /** The second key of the send slices' claims ("SM"). */
    public static final int SLICES = 0x534D0000;

    /** The second key of the writers sending to an MTA now ("SN"; {@link SendersNow}). */
    public static final int SENDERS = 0x534E0000;

    private static final int MAX_SLOTS = 0x10000;
    private static final Logger LOG = Logger.getLogger(AdvisorySlotLocks.class.getName());

    private record Key(long mtaId, int slot) {}

    private final DataSource dataSource;
    private final int space;
    private final String slotNoun;
    private final String ownerNoun;
    private final Set<Key> held = new HashSet<>();
    private final Set<Key> lost = new HashSet<>();
    private Connection connection;

    /** @param dataSource a datasource outside JTA: the locks live as long as the connection, not a transaction */
    public AdvisorySlotLocks(DataSource dataSource) {
        this(dataSource, SLOTS, "connection slot", "MTA");
    }

    /**
     * @param space {@link #SLOTS}, {@link #SLICES} or {@link #SENDERS}
     * @param slotNoun and ownerNoun name a slot in the log: "send slice 3 of campaign 7"
     */
    public AdvisorySlotLocks(DataSource dataSource, int space, String slotNoun, String ownerNoun) {
        this.dataSource = dataSource;
        this.space = space;
        this.slotNoun = slotNoun;
        this.ownerNoun = ownerNoun;
    }

    @Override
    public boolean tryLock(long mtaId, int slot) {
        if (slot >= MAX_SLOTS) {
            return false;
        }
        Key key = new Key(mtaId, slot);
        try {
            if (tryLock(connection(), key)) {
                held.add(key);
                lost.remove(key);
                return true;
            }
            return false;
        } catch (SQLException e) {
            // Fail closed: without the database nobody can tell whether another server holds the slot.
            broken("taking " + name(mtaId, slot), e);
            return false;
        }
    }

    @Override
    public void unlock(long mtaId, int slot) {
        Key key = new Key(mtaId, slot);
        boolean mine = held.remove(key);
        lost.remove(key);
        if (!mine || connection == null) {
            return;
        }
        try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
            unlock.setInt(1, firstKey(mtaId));
            unlock.setInt(2, space + slot);
            unlock.executeQuery().close();
        } catch (SQLException e) {
            broken("giving back " + name(mtaId, slot), e);
        }
    }

    @Override
    public boolean stillHeld(long mtaId, int slot) {
        if (connection == null && !held.isEmpty()) {
            try {
                connection();
            } catch (SQLException e) {
                // The database is unreachable for every server: nobody can take the slot now, so the open SMTP
                // connection stays; no new one opens (tryLock fails closed).
                broken("locking this server's " + slotNoun + "s again", e);
            }
        }
        return !lost.contains(new Key(mtaId, slot));
    }

    @Override
    public int lockedByOthers(long mtaId) {
        try (PreparedStatement count = lockQuery("COUNT(*)", " AND l.pid <> pg_backend_pid()", mtaId);
                ResultSet rows = count.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        } catch (SQLException e) {
            broken("counting other servers' " + slotNoun + "s of " + ownerNoun + " " + mtaId, e);
            return 0;
        }
    }

    @Override
    public Set<Integer> locked(long mtaId) {
        try (PreparedStatement select = lockQuery("l.objid::bigint", "", mtaId);
                ResultSet rows = select.executeQuery()) {
            Set<Integer> slots = new HashSet<>();
            while (rows.next()) {
                slots.add((int) (rows.getLong(1) - space));
            }
            return slots;
        } catch (SQLException e) {
            // Fail closed: as if every slot were taken.
            broken("reading the locked " + slotNoun + "s of " + ownerNoun + " " + mtaId, e);
            return null;
        }
    }

    /** One query for all the owners (a pool of MTAs), not one each. */
    @Override
    public Map<Long, Set<Integer>> locked(Collection<Long> owners) {
        Map<Long, Set<Integer>> locked = new HashMap<>();
        Map<Long, List<Long>> byFirstKey = new HashMap<>();
        for (long owner : owners) {
            locked.put(owner, new HashSet<>());
            byFirstKey
                    .computeIfAbsent(Integer.toUnsignedLong(firstKey(owner)), k -> new ArrayList<>())
                    .add(owner);
        }
        if (owners.isEmpty()) {
            return locked;
        }
        try (PreparedStatement select = connection()
                .prepareStatement("SELECT l.classid::bigint, l.objid::bigint FROM pg_locks l"
                        + " JOIN pg_database d ON d.oid = l.database"
                        + " WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2"
                        + " AND d.datname = current_database() AND l.classid::bigint = ANY (?)"
                        + " AND l.objid::bigint BETWEEN ? AND ?")) {
            select.setArray(
                    1,
                    select.getConnection()
                            .createArrayOf("bigint", byFirstKey.keySet().toArray()));
            select.setLong(2, space);
            select.setLong(3, (long) space + MAX_SLOTS - 1);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    int slot = (int) (rows.getLong(2) - space);
                    byFirstKey
                            .get(rows.getLong(1))
                            .forEach(owner -> locked.get(owner).add(slot));
                }
            }
            return locked;
        } catch (SQLException e) {
            // Fail closed, as for one owner.
            broken("reading the locked " + slotNoun + "s of " + ownerNoun + "s " + owners, e);
            return null;
        }
    }

    /** A query over the granted advisory locks of this space and owner, in this database, by any session. */
    private PreparedStatement lockQuery(String select, String condition, long owner) throws SQLException {
        PreparedStatement query = connection()
                .prepareStatement("SELECT " + select + " FROM pg_locks l JOIN pg_database d ON d.oid = l.database"
                        + " WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2"
                        + " AND d.datname = current_database() AND l.classid::bigint = ?"
                        + " AND l.objid::bigint BETWEEN ? AND ?" + condition);
        query.setLong(1, Integer.toUnsignedLong(firstKey(owner)));
        query.setLong(2, space);
        query.setLong(3, (long) space + MAX_SLOTS - 1);
        return query;
    }

    private String name(long owner, int slot) {
        return slotNoun + " " + slot + " of " + ownerNoun + " " + owner;
    }

    /** This server's connection that holds the locks, made anew (and the held slots locked again) after a break. */
    private Connection connection() throws SQLException {
        if (connection != null) {
            return connection;
        }
        Connection fresh = dataSource.getConnection();
        connection = fresh;
        try {
            // A lock is the session's; autocommit keeps the session out of an open transaction between statements.
            fresh.setAutoCommit(true);
            for (Key key : held) {
                if (!tryLock(fresh, key)) {
                    lost.add(key);
                    LOG.warning(() -> name(key.mtaId(), key.slot()) + " was taken by another Sluice server while"
                            + " this server's database connection was broken: its holder here gives it up");
                }
            }
            held.removeAll(lost);
        } catch (SQLException e) {
            giveBack();
            throw e;
        }
        return fresh;
    }

    private boolean tryLock(Connection c, Key key) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
            lock.setInt(1, firstKey(key.mtaId()));
            lock.setInt(2, space + key.slot());
            try (ResultSet rows = lock.executeQuery()) {
                rows.next();
                return rows.getBoolean(1);
            }
        }
    }

    /** MTA ids fit in an int in practice; beyond, two MTAs might share slots, which only makes the limit stricter. */
    private static int firstKey(long mtaId) {
        return Long.hashCode(mtaId);
    }

    private void broken(String what, SQLException e) {
        LOG.warning(slotNoun + "s: " + what + " failed, the database connection is made anew: " + e.getMessage());
        giveBack();
    }

    /**
     * Returns the connection to the pool without a lock on it: the pool keeps the database session open, and with it
     * every session lock it holds.
     */
    private void giveBack() {
        if (connection == null) {
            return;
        }
        try (PreparedStatement unlockAll = connection.prepareStatement("SELECT pg_advisory_unlock_all()")) {
            unlockAll.executeQuery().close();
        } catch (SQLException e) {
            LOG.fine(() -> "unlocking the " + slotNoun + "s before closing: " + e.getMessage());
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.fine(() -> "closing the " + slotNoun + "s' connection: " + e.getMessage());
        }
        connection = null;
    }

    /** Gives back every slot this server holds (the deployment stops). */
    public void close() {
        held.clear();
        lost.clear();
        giveBack();
    }
}
