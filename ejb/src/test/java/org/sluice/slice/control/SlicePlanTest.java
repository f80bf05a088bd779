package org.sluice.slice.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SlicePlanTest {

    @Test
    void slicesAreContiguousCoverEveryIdOnceAndTheLastIsOpenEnded() {
        for (long[] range : List.of(new long[] {1, 10_000}, new long[] {1, 3_000}, new long[] {17, 1_000_016})) {
            List<long[]> slices = SlicePlan.cut(range[0], range[1], 2_000, 2);

            assertEquals(range[0], slices.get(0)[0]);
            for (int i = 1; i < slices.size(); i++) {
                assertEquals(slices.get(i - 1)[1] + 1, slices.get(i)[0], "slice " + i + " follows slice " + (i - 1));
                assertTrue(slices.get(i - 1)[0] <= slices.get(i - 1)[1], "slice " + (i - 1) + " is not empty");
            }
            assertEquals(
                    Long.MAX_VALUE,
                    slices.get(slices.size() - 1)[1],
                    "a recipient stored after the cut still belongs to the last slice");
        }
    }

    @Test
    void aSmallRangeIsCutIntoEqualSlices() {
        List<long[]> slices = SlicePlan.cut(1, 3_000, 1_000, 2);

        assertEquals(List.of(1_000L, 1_000L, 1_000L), lengths(slices, 3_000));
    }

    @Test
    void aLargeRangeEndsInRoundsOfHalfQuarterAndEighthSlicesOnePerPartition() {
        List<Long> lengths = lengths(SlicePlan.cut(1, 20_000, 500, 4), 20_000);

        assertEquals(20_000, lengths.stream().mapToLong(Long::longValue).sum());
        List<Long> tail = lengths.subList(lengths.size() - 12, lengths.size());
        assertEquals(
                List.of(250L, 250L, 250L, 250L, 125L, 125L, 125L, 125L, 62L, 62L, 62L, 62L),
                tail,
                "the last slices partitions claim are short, so they run out of work close together");
        lengths.subList(0, lengths.size() - 12)
                .forEach(length -> assertTrue(length > 250 && length <= 500, "body slice of " + length));
    }

    @Test
    void atLeastOneSlicePerPartitionButNeverMoreSlicesThanIds() {
        assertEquals(4, SlicePlan.cut(1, 100, 2_000, 4).size());
        assertEquals(2, SlicePlan.cut(500, 501, 2_000, 8).size());
        assertEquals(1, SlicePlan.cut(7, 7, 2_000, 1).size());
        assertEquals(1, SlicePlan.cut(7, 7, 0, 0).size(), "nonsensical sizes still give a slice");
    }

    @Test
    void aHugeCampaignIsCutIntoAtMostTheMaximumOfSlices() {
        assertEquals(
                SlicePlan.MAX_SLICES, SlicePlan.cut(1, 1_000_000_000L, 10, 1).size());
        assertEquals(
                SlicePlan.MAX_SLICES, SlicePlan.cut(1, 1_000_000_000L, 10, 64).size());
    }

    /** The slices' lengths, the open-ended last one counted up to {@code lastId}. */
    private static List<Long> lengths(List<long[]> slices, long lastId) {
        return slices.stream().map(s -> Math.min(s[1], lastId) - s[0] + 1).toList();
    }
}
