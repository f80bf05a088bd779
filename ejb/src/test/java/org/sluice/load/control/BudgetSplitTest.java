package org.sluice.load.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.Test;

class BudgetSplitTest {

    private static final LongPredicate ANY = mtaId -> true;

    @Test
    void theWholeChunkGoesToTheFirstMtaWhenItsBudgetAllows() {
        assertEquals(Map.of(2L, 100), BudgetSplit.fill(100, budgets(2L, 1500, 1L, 500), ANY));
    }

    @Test
    void whatTheFirstMtaCannotTakeGoesToTheNextInOrder() {
        Map<Long, Integer> shares = BudgetSplit.fill(100, budgets(3L, 30, 1L, 50, 2L, 1000), ANY);

        assertEquals(Map.of(3L, 30, 1L, 50, 2L, 20), shares);
        assertEquals(List.of(3L, 1L, 2L), List.copyOf(shares.keySet()), "the order of preference is kept");
    }

    @Test
    void noMtaGetsMoreThanItsBudget() {
        assertEquals(Map.of(1L, 30, 2L, 10), BudgetSplit.fill(100, budgets(1L, 30, 2L, 10), ANY));
    }

    @Test
    void hostileBudgetsNeverGiveNegativeOrEmptyShares() {
        Map<Long, Integer> shares = BudgetSplit.fill(10, budgets(1L, 0, 2L, -5, 3L, 4, 4L, Integer.MAX_VALUE), ANY);

        assertEquals(Map.of(3L, 4, 4L, 6), shares);
    }

    @Test
    void anMtaWithoutAConnectionForTheWriterIsSkippedAndNoneIsAskedOnceTheChunkIsFull() {
        List<Long> asked = new ArrayList<>();
        Map<Long, Integer> shares = BudgetSplit.fill(
                100, budgets(1L, 500, 2L, 80, 3L, 500, 4L, 500), mtaId -> asked.add(mtaId) && mtaId != 1L);

        assertEquals(Map.of(2L, 80, 3L, 20), shares);
        assertEquals(List.of(1L, 2L, 3L), asked);
    }

    @Test
    void nothingAdmittedMeansNothingSent() {
        assertEquals(Map.of(), BudgetSplit.fill(100, new LinkedHashMap<>(), ANY));
        assertEquals(Map.of(), BudgetSplit.fill(0, budgets(1L, 100), ANY));
    }

    private static Map<Long, Integer> budgets(Object... pairs) {
        Map<Long, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((Long) pairs[i], (Integer) pairs[i + 1]);
        }
        return m;
    }
}
