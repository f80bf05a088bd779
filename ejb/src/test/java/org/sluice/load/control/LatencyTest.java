package org.sluice.load.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LatencyTest {

    @Test
    void percentilesByNearestRankOverTheLastSamples() {
        Latency.Window window = new Latency.Window(100);
        for (int ms = 1; ms <= 100; ms++) {
            window.add(Duration.ofMillis(ms));
        }
        assertEquals(new Latency(100, 50, 99, 100), window.latency());
    }

    @Test
    void onlyTheLastCapacitySamplesCount() {
        Latency.Window window = new Latency.Window(3);
        window.add(Duration.ofMillis(1000));
        window.add(Duration.ofMillis(1));
        window.add(Duration.ofMillis(2));
        window.add(Duration.ofMillis(3));

        assertEquals(new Latency(3, 2, 3, 3), window.latency());
    }

    @Test
    void noSamplesNoFigures() {
        assertEquals(Latency.NONE, new Latency.Window(10).latency());
    }
}
