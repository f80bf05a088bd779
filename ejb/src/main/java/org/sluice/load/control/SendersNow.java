package org.sluice.load.control;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which of a chunk's MTAs a writer sends its next share to: the one the fewest writers are sending to now. A
 * partition sends its shares one after the other; partitions that meet at one MTA wait for its rate together while
 * another MTA idles (a convoy, which kept four partitions well below the capacity of four fixed-rate MTAs in the
 * cluster benchmark). A writer counts at an MTA from {@link #begin} until {@link #end}. With {@link SlotLocks} shared
 * through the database, it holds a slot of the MTA in a space of its own while it sends there, so the count covers
 * every node's writers. Not thread-safe: {@code MtaStatusBoard} guards it with its lock.
 */
public final class SendersNow {

    /** Failed tries to take a slot before the writer counts only in this server (the database may be down). */
    private static final int MAX_FAILED_TRIES = 3;

    private record Sending(long mtaId, int slot) {}

    private final SlotLocks locks;
    /** Per MTA, the slots this server's writers hold. */
    private final Map<Long, TreeSet<Integer>> mine = new HashMap<>();
    /** Per MTA, this server's writers sending there without a slot (it could not be taken). */
    private final Map<Long, Integer> unslotted = new HashMap<>();

    private final Map<ConnectionPermits.Holder, Sending> sending = new HashMap<>();

    /** Senders of this server alone. */
    public SendersNow() {
        this(SlotLocks.THIS_SERVER_ONLY);
    }

    /** @param locks shared slots in a space of their own ({@code AdvisorySlotLocks.SENDERS}) */
    public SendersNow(SlotLocks locks) {
        this.locks = locks;
    }

    /**
     * Picks, among the MTAs the holder still has a share for (in its order of preference, which decides ties), the
     * one the fewest writers send to now, and counts the holder there until {@link #end}. A holder counts at one MTA
     * at a time: a second begin ends the first.
     */
    public long begin(ConnectionPermits.Holder holder, List<Long> candidates) {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("no MTA to choose from");
        }
        end(holder);
        Map<Long, Set<Integer>> locked = locks.locked(candidates);
        long chosen = candidates.get(0);
        int fewest = Integer.MAX_VALUE;
        for (long mtaId : candidates) {
            int count = count(mtaId, locked == null ? null : locked.get(mtaId));
            if (count < fewest) {
                chosen = mtaId;
                fewest = count;
            }
        }
        sending.put(holder, new Sending(chosen, take(chosen, locked == null ? null : locked.get(chosen))));
        return chosen;
    }

    /**
     * The MTAs ordered by how many writers send to them now, fewest first; equally busy ones keep their order (the
     * caller's preference). A chunk is filled in this order ({@link BudgetSplit#fill}).
     */
    public List<Long> leastBusyFirst(List<Long> mtaIds) {
        Map<Long, Set<Integer>> locked = locks.locked(mtaIds);
        Map<Long, Integer> counts = new HashMap<>();
        mtaIds.forEach(mtaId -> counts.put(mtaId, count(mtaId, locked == null ? null : locked.get(mtaId))));
        List<Long> ordered = new ArrayList<>(mtaIds);
        ordered.sort(Comparator.comparing(counts::get)); // stable: ties keep the caller's order
        return ordered;
    }

    /** The holder no longer sends (its share is sent, or it stopped). */
    public void end(ConnectionPermits.Holder holder) {
        Sending done = sending.remove(holder);
        if (done == null) {
            return;
        }
        if (done.slot() < 0) {
            unslotted.merge(done.mtaId(), -1, (a, b) -> a + b == 0 ? null : a + b);
            return;
        }
        TreeSet<Integer> slots = mine.get(done.mtaId());
        slots.remove(done.slot());
        if (slots.isEmpty()) {
            mine.remove(done.mtaId());
        }
        locks.unlock(done.mtaId(), done.slot());
    }

    /** Writers sending to the MTA now: all servers' where the database tells, at least this server's. */
    public int count(long mtaId) {
        return count(mtaId, locks.locked(mtaId));
    }

    private int count(long mtaId, Set<Integer> locked) {
        int here = mine.getOrDefault(mtaId, new TreeSet<>()).size();
        int everywhere = locked == null ? here : Math.max(here, locked.size());
        return everywhere + unslotted.getOrDefault(mtaId, 0);
    }

    /** The lowest slot nobody holds, or -1 when none could be taken. */
    private int take(long mtaId, Set<Integer> locked) {
        TreeSet<Integer> slots = mine.computeIfAbsent(mtaId, id -> new TreeSet<>());
        int failed = 0;
        for (int slot = 0; failed < MAX_FAILED_TRIES; slot++) {
            if (slots.contains(slot) || (locked != null && locked.contains(slot))) {
                continue;
            }
            if (locks.tryLock(mtaId, slot)) {
                slots.add(slot);
                return slot;
            }
            failed++;
        }
        if (slots.isEmpty()) {
            mine.remove(mtaId);
        }
        unslotted.merge(mtaId, 1, Integer::sum);
        return -1;
    }
}
