package org.sluice.sending.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShareOrderTest {

    private static final List<Long> POOL = List.of(1L, 2L, 3L);

    @Test
    void startsAtTheGivenPlaceAndKeepsTheOrderAfterIt() {
        assertEquals(List.of(1L, 2L, 3L), ShareOrder.rotated(POOL, 0));
        assertEquals(List.of(2L, 3L, 1L), ShareOrder.rotated(POOL, 1));
        assertEquals(List.of(3L, 1L, 2L), ShareOrder.rotated(POOL, 5));
        assertEquals(List.of(3L, 1L, 2L), ShareOrder.rotated(POOL, -1), "any int, so a counter may wrap");
        assertEquals(List.of(3L, 1L, 2L), ShareOrder.rotated(POOL, Integer.MIN_VALUE + 1));
    }

    @Test
    void everyMtaIsOfferedOnce() {
        for (int start = 0; start < 4; start++) {
            List<Long> rotated = ShareOrder.rotated(POOL, start);
            assertEquals(POOL.size(), rotated.size());
            assertEquals(new HashSet<>(POOL), new HashSet<>(rotated));
        }
        assertEquals(List.of(9L), ShareOrder.rotated(List.of(9L), 3));
    }
}
