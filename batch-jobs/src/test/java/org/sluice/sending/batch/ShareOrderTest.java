package org.sluice.sending.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShareOrderTest {

    private static final Map<Long, Integer> SHARES = new LinkedHashMap<>(Map.of(1L, 50));

    static {
        SHARES.put(2L, 50);
        SHARES.put(3L, 40);
    }

    @Test
    void startsAtTheGivenPlaceAndKeepsTheOrderAfterIt() {
        assertEquals(List.of(1L, 2L, 3L), mtas(0));
        assertEquals(List.of(2L, 3L, 1L), mtas(1));
        assertEquals(List.of(3L, 1L, 2L), mtas(5));
        assertEquals(List.of(3L, 1L, 2L), mtas(-1), "any int, so a counter may wrap");
    }

    @Test
    void everyShareIsSentOnce() {
        assertEquals(
                140,
                ShareOrder.rotated(SHARES, 7).stream()
                        .mapToInt(Map.Entry::getValue)
                        .sum());
    }

    private static List<Long> mtas(int start) {
        return ShareOrder.rotated(SHARES, start).stream().map(Map.Entry::getKey).toList();
    }
}
