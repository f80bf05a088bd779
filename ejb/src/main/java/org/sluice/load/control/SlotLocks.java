package org.sluice.load.control;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Where the connection slots of the MTAs are locked, so that every Sluice server sharing the database counts the
 * same SMTP connections. Slot {@code i} of an MTA is the i-th of its maxConnections connections; a server holds a
 * slot while one of its writers keeps a connection open to that MTA. {@link ConnectionPermits} never asks for a slot
 * this server holds already.
 */
public interface SlotLocks {

    /** One server alone: nothing outside this JVM holds a slot ({@link ConnectionPermits} counts its own). */
    SlotLocks THIS_SERVER_ONLY = new SlotLocks() {
        @Override
        public boolean tryLock(long mtaId, int slot) {
            return true;
        }

        @Override
        public void unlock(long mtaId, int slot) {}

        @Override
        public boolean stillHeld(long mtaId, int slot) {
            return true;
        }

        @Override
        public int lockedByOthers(long mtaId) {
            return 0;
        }

        @Override
        public Set<Integer> locked(long mtaId) {
            return Set.of();
        }
    };

    /** Takes the slot if no other server holds it; false when one does, or when it cannot be known now. */
    boolean tryLock(long mtaId, int slot);

    /** Gives the slot back. */
    void unlock(long mtaId, int slot);

    /**
     * Whether this server still holds a slot it took: false once the lock was lost (the database connection that held
     * it broke and another server took the slot meanwhile); the writer must then close its connection.
     */
    boolean stillHeld(long mtaId, int slot);

    /** Slots of the MTA held by other servers now (connections they keep open to it). */
    int lockedByOthers(long mtaId);

    /**
     * The owner's slots held by any server sharing the database, this one included (none outside this JVM for
     * {@link #THIS_SERVER_ONLY}); null when it cannot be known now.
     */
    Set<Integer> locked(long mtaId);

    /** {@link #locked(long)} of several owners at once; null when it cannot be known now. */
    default Map<Long, Set<Integer>> locked(Collection<Long> mtaIds) {
        Map<Long, Set<Integer>> locked = new HashMap<>();
        for (long mtaId : mtaIds) {
            Set<Integer> slots = locked(mtaId);
            if (slots == null) {
                return null;
            }
            locked.put(mtaId, slots);
        }
        return locked;
    }
}
