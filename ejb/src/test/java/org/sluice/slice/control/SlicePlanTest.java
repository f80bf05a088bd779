package org.sluice.slice.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SlicePlanTest {

    @Test
    void slicesAreContiguousCoverEveryIdOnceAndTheLastIsOpenEnded() {
        List<long[]> slices = SlicePlan.cut(1, 10_000, 2_000, 2);

        assertEquals(5, slices.size());
        assertEquals(1, slices.get(0)[0]);
        for (int i = 1; i < slices.size(); i++) {
            assertEquals(slices.get(i - 1)[1] + 1, slices.get(i)[0], "slice " + i + " follows slice " + (i - 1));
        }
        assertEquals(2_000, slices.get(0)[1]);
        assertEquals(
                Long.MAX_VALUE, slices.get(4)[1], "a recipient stored after the cut still belongs to the last slice");
    }

    @Test
    void atLeastOneSlicePerPartitionButNeverMoreSlicesThanIds() {
        assertEquals(4, SlicePlan.cut(1, 100, 2_000, 4).size());
        assertEquals(2, SlicePlan.cut(500, 501, 2_000, 8).size());
        assertEquals(1, SlicePlan.cut(7, 7, 2_000, 1).size());
    }

    @Test
    void aHugeCampaignIsCutIntoAtMostTheMaximumOfSlices() {
        assertEquals(
                SlicePlan.MAX_SLICES, SlicePlan.cut(1, 1_000_000_000L, 10, 1).size());
    }
}
