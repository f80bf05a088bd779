package org.sluice.load.control;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The SMTP connections open to each MTA, server-wide. A send-job writer holds one permit per connection it keeps
 * open, so campaigns running at once never open more connections to an MTA than its maxConnections together.
 * Permits are kept in the order they were taken: when an admin lowers the limit below the permits held, the
 * latest holders are the ones over it and give theirs back. Not thread-safe: {@code MtaStatusBoard} guards it with
 * its lock.
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

    private final Map<Long, LinkedHashSet<Holder>> held = new HashMap<>();

    /** Whether the holder has a permit for the MTA within the limit, or could take one now. Takes nothing. */
    public boolean mayConnect(long mtaId, Holder holder, int limit) {
        Set<Holder> holders = held.get(mtaId);
        if (holders == null) {
            return limit > 0;
        }
        int rank = rank(holders, holder);
        return rank >= 0 ? rank < limit : holders.size() < limit;
    }

    /** Takes a permit if one is free; true when the holder holds one within the limit afterwards. */
    public boolean tryAcquire(long mtaId, Holder holder, int limit) {
        if (!mayConnect(mtaId, holder, limit)) {
            return false;
        }
        held.computeIfAbsent(mtaId, id -> new LinkedHashSet<>()).add(holder);
        return true;
    }

    /** The holder's permit lies beyond a lowered limit: it must close its connection and release the permit. */
    public boolean overLimit(long mtaId, Holder holder, int limit) {
        Set<Holder> holders = held.get(mtaId);
        return holders != null && rank(holders, holder) >= limit;
    }

    public boolean holds(long mtaId, Holder holder) {
        Set<Holder> holders = held.get(mtaId);
        return holders != null && holders.contains(holder);
    }

    /** Gives the holder's permit for the MTA back; nothing happens if it holds none. */
    public void release(long mtaId, Holder holder) {
        Set<Holder> holders = held.get(mtaId);
        if (holders != null) {
            holders.remove(holder);
            if (holders.isEmpty()) {
                held.remove(mtaId);
            }
        }
    }

    /** Gives back every permit of the holder (its writer closes). */
    public void releaseAll(Holder holder) {
        held.values().forEach(holders -> holders.remove(holder));
        held.values().removeIf(Set::isEmpty);
    }

    /** Connections open to the MTA now (permits held), over all campaigns. */
    public int inUse(long mtaId) {
        Set<Holder> holders = held.get(mtaId);
        return holders == null ? 0 : holders.size();
    }

    /** Why the holder may not connect to the MTA now, e.g. "2 of 2 connections in use by other campaigns". */
    public String refusal(long mtaId, Holder holder, int limit) {
        Set<Holder> holders = held.getOrDefault(mtaId, new LinkedHashSet<>());
        long others = holders.stream().filter(h -> h != holder).count();
        boolean otherCampaigns = holders.stream().anyMatch(h -> h != holder && h.campaignId() != holder.campaignId());
        String reason = others + " of " + limit + " connections in use by "
                + (otherCampaigns ? "other campaigns" : "this campaign's other partitions");
        return holders.contains(holder)
                ? reason + " (maxConnections lowered: this partition closes its connection)"
                : reason;
    }

    private static int rank(Set<Holder> holders, Holder holder) {
        int i = 0;
        for (Holder h : holders) {
            if (h == holder) {
                return i;
            }
            i++;
        }
        return -1;
    }
}
