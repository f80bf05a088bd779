package org.sluice.load.control;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongPredicate;

/**
 * Gives a chunk's messages to the admitted MTAs in an order of preference (the least busy first, see
 * {@link SendersNow#leastBusyFirst}): each MTA takes as many as its budget allows before the next one gets any. A
 * chunk split over every MTA made each partition visit them all in turn, so partitions met at one MTA while another
 * idled; a chunk at the least busy MTA keeps the partitions spread, and the budgets still bound every MTA.
 */
public final class BudgetSplit {

    private BudgetSplit() {}

    /**
     * @param budgets what each MTA may still take, in the order the chunk fills them
     * @param connectable asked, in that order, only of an MTA the chunk would give messages: whether the writer has or
     *        can take a connection there (false skips the MTA); not asked once the chunk is full
     * @return how many messages go to each MTA, in that order: never more than its budget, in total min(wanted, sum
     *         of the positive budgets); MTAs left without messages are not in the map
     */
    public static Map<Long, Integer> fill(int wanted, Map<Long, Integer> budgets, LongPredicate connectable) {
        Map<Long, Integer> shares = new LinkedHashMap<>();
        int left = wanted;
        for (Map.Entry<Long, Integer> e : budgets.entrySet()) {
            if (left <= 0) {
                break;
            }
            int share = Math.min(left, e.getValue());
            if (share > 0 && connectable.test(e.getKey())) {
                shares.put(e.getKey(), share);
                left -= share;
            }
        }
        return shares;
    }
}
