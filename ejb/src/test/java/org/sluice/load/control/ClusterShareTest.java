package org.sluice.load.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ClusterShareTest {

    @Test
    void aServerAloneHasTheWholeHeadroom() {
        assertEquals(1000, ClusterShare.of(1000, 2, 0));
        assertEquals(1000, ClusterShare.of(1000, 0, 0));
    }

    @Test
    void serversShareOneReadingInProportionToTheirConnections() {
        int a = ClusterShare.of(1000, 2, 2);
        int b = ClusterShare.of(1000, 2, 2);
        assertEquals(500, a);
        assertEquals(1000, a + b, "two nodes together hand out one reading's headroom, not two");
        assertEquals(250, ClusterShare.of(1000, 1, 3));
        assertEquals(750, ClusterShare.of(1000, 3, 1));
    }

    @Test
    void aServerAboutToOpenItsFirstConnectionCountsItself() {
        assertEquals(333, ClusterShare.of(1000, 0, 2));
    }

    @Test
    void noHeadroomStaysNone() {
        assertEquals(0, ClusterShare.of(0, 1, 3));
    }
}
