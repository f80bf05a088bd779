package org.sluice.load.control;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Spreads the messages of a chunk over the admitted MTAs in proportion to their budgets. */
public final class BudgetSplit {

    private BudgetSplit() {}

    /**
     * @param budgets what each MTA may still take (positive), in the pool's order
     * @return how many messages go to each MTA: never more than its budget, in total min(wanted, sum of budgets);
     *         the remainder of the proportional split goes to the largest fractions, ties to the pool's order
     */
    public static Map<Long, Integer> split(int wanted, Map<Long, Integer> budgets) {
        long total = budgets.values().stream().mapToLong(Integer::longValue).sum();
        Map<Long, Integer> shares = new LinkedHashMap<>();
        if (total <= wanted) {
            budgets.forEach((mta, budget) -> {
                if (budget > 0) {
                    shares.put(mta, budget);
                }
            });
            return shares;
        }
        record Part(long mta, int whole, double fraction, int order) {}
        List<Part> parts = new java.util.ArrayList<>();
        int given = 0;
        int order = 0;
        for (Map.Entry<Long, Integer> e : budgets.entrySet()) {
            double exact = (double) wanted * e.getValue() / total;
            int whole = (int) Math.floor(exact);
            parts.add(new Part(e.getKey(), whole, exact - whole, order++));
            given += whole;
        }
        int left = wanted - given;
        List<Part> byFraction = parts.stream()
                .sorted(Comparator.comparingDouble(Part::fraction).reversed().thenComparingInt(Part::order))
                .toList();
        Map<Long, Integer> extra = new LinkedHashMap<>();
        for (int i = 0; i < left; i++) {
            extra.merge(byFraction.get(i).mta(), 1, Integer::sum);
        }
        for (Part p : parts) {
            int share = p.whole() + extra.getOrDefault(p.mta(), 0);
            if (share > 0) {
                shares.put(p.mta(), share);
            }
        }
        return shares;
    }
}
