package org.sluice.load.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BudgetSplitTest {

    @Test
    void aChunkIsSpreadInProportionToBudgets() {
        assertEquals(Map.of(1L, 75, 2L, 25), BudgetSplit.split(100, budgets(1L, 1500, 2L, 500)));
    }

    @Test
    void noMtaGetsMoreThanItsBudget() {
        assertEquals(Map.of(1L, 30, 2L, 10), BudgetSplit.split(100, budgets(1L, 30, 2L, 10)));
    }

    @Test
    void theRemainderGoesToTheLargestFractionsAndTheTotalIsExact() {
        Map<Long, Integer> shares = BudgetSplit.split(100, budgets(1L, 1000, 2L, 1000, 3L, 1000));

        assertEquals(Map.of(1L, 34, 2L, 33, 3L, 33), shares);
    }

    @Test
    void aTinyBudgetNextToAHugeOneMayGetNothingThisChunk() {
        Map<Long, Integer> shares = BudgetSplit.split(10, budgets(1L, 100_000, 2L, 3));

        assertEquals(Map.of(1L, 10), shares);
    }

    @Test
    void nothingAdmittedMeansNothingSent() {
        assertEquals(Map.of(), BudgetSplit.split(100, new LinkedHashMap<>()));
    }

    private static Map<Long, Integer> budgets(Object... pairs) {
        Map<Long, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((Long) pairs[i], (Integer) pairs[i + 1]);
        }
        return m;
    }
}
