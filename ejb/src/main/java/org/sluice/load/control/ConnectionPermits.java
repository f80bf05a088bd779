package org.sluice.load.control;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The SMTP connections open to each MTA. A send-job writer holds one permit per connection it keeps open, so
 * campaigns running at once never open more connections to an MTA than its maxConnections together. A permit is a
 * numbered slot below the limit; with {@link SlotLocks} shared through the database, the slots count every Sluice
 * server's connections, not only this one's. When an admin lowers the limit below the permits held, the holders of
 * the slots at or above it are the ones over it and give theirs back. Not thread-safe: {@code MtaStatusBoard} guards
 * it with its lock.
 */
public final class ConnectionPermits {

    /**
     * One writer (one partition of a send job). Equal only to itself: two partitions of a campaign are two holders,
     * each with its own connections.
     */
    public static final class Holder {
        private final long campaignId;
        private final String name;

        public Holder(long campaignId, String name) {
            this.campaignId = campaignId;
            this.name = name;
        }

        public long campaignId() {
            return campaignId;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private final SlotLocks locks;
    /** Per MTA, the slots held in this server, by slot number. */
    private final Map<Long, TreeMap<Integer, Holder>> held = new HashMap<>();

    /** Permits of this server alone. */
    public ConnectionPermits() {
        this(SlotLocks.THIS_SERVER_ONLY);
    }

    public ConnectionPermits(SlotLocks locks) {
        this.locks = locks;
    }

    /** Whether the holder holds a permit for the MTA within the limit. */
    public boolean holdsWithin(long mtaId, Holder holder, int limit) {
        Integer slot = slotOf(mtaId, holder);
        return slot != null && slot < limit;
    }

    /**
     * Takes the lowest free slot below the limit unless the holder holds one already; true when the holder holds one
     * within the limit afterwards.
     */
    public boolean tryAcquire(long mtaId, Holder holder, int limit) {
        Integer own = slotOf(mtaId, holder);
        if (own != null) {
            return own < limit;
        }
        TreeMap<Integer, Holder> slots = held.computeIfAbsent(mtaId, id -> new TreeMap<>());
        for (int slot = 0; slot < limit; slot++) {
            if (!slots.containsKey(slot) && locks.tryLock(mtaId, slot)) {
                slots.put(slot, holder);
                return true;
            }
        }
        if (slots.isEmpty()) {
            held.remove(mtaId);
        }
        return false;
    }

    /**
     * The holder's permit lies beyond a lowered limit, or was lost to another server: it must close its connection
     * and release the permit.
     */
    public boolean overLimit(long mtaId, Holder holder, int limit) {
        Integer slot = slotOf(mtaId, holder);
        return slot != null && (slot >= limit || !locks.stillHeld(mtaId, slot));
    }

    public boolean holds(long mtaId, Holder holder) {
        return slotOf(mtaId, holder) != null;
    }

    /** Gives the holder's permit for the MTA back; nothing happens if it holds none. */
    public void release(long mtaId, Holder holder) {
        TreeMap<Integer, Holder> slots = held.get(mtaId);
        Integer slot = slotOf(mtaId, holder);
        if (slot != null) {
            slots.remove(slot);
            locks.unlock(mtaId, slot);
            if (slots.isEmpty()) {
                held.remove(mtaId);
            }
        }
    }

    /** Gives back every permit of the holder (its writer closes). */
    public void releaseAll(Holder holder) {
        for (Long mtaId : held.keySet().toArray(Long[]::new)) {
            release(mtaId, holder);
        }
    }

    /** Connections open to the MTA now (permits held) over all campaigns, this server's and the others'. */
    public int inUse(long mtaId) {
        return heldHere(mtaId) + locks.lockedByOthers(mtaId);
    }

    /** Connections this server has open to the MTA now, over all its campaigns. */
    public int heldHere(long mtaId) {
        return held.getOrDefault(mtaId, new TreeMap<>()).size();
    }

    /** Connections other Sluice servers sharing the database have open to the MTA now. */
    public int heldElsewhere(long mtaId) {
        return locks.lockedByOthers(mtaId);
    }

    /**
     * Why the holder may not connect to the MTA now, e.g. "2 of 2 connections in use by other campaigns" or "... by
     * other Sluice servers" (on the same database).
     */
    public String refusal(long mtaId, Holder holder, int limit) {
        TreeMap<Integer, Holder> slots = held.getOrDefault(mtaId, new TreeMap<>());
        long others = slots.values().stream().filter(h -> h != holder).count();
        boolean otherCampaigns =
                slots.values().stream().anyMatch(h -> h != holder && h.campaignId() != holder.campaignId());
        int elsewhere = locks.lockedByOthers(mtaId);
        String by = elsewhere > 0
                ? others == 0 ? "other Sluice servers" : "other Sluice servers and this one"
                : otherCampaigns ? "other campaigns" : "this campaign's other partitions";
        String reason = (others + elsewhere) + " of " + limit + " connections in use by " + by;
        return holds(mtaId, holder)
                ? reason + " (maxConnections lowered: this partition closes its connection)"
                : reason;
    }

    private Integer slotOf(long mtaId, Holder holder) {
        TreeMap<Integer, Holder> slots = held.get(mtaId);
        if (slots == null) {
            return null;
        }
        for (Map.Entry<Integer, Holder> e : slots.entrySet()) {
            if (e.getValue() == holder) {
                return e.getKey();
            }
        }
        return null;
    }
}
