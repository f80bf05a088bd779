package org.sluice.load.control;

import java.time.Duration;
import java.util.Arrays;

/** Percentiles of a probe's recent round trips (request sent to reply read, as the LoadManager pays them). */
public record Latency(int samples, double p50Millis, double p99Millis, double maxMillis) {

    public static final Latency NONE = new Latency(0, 0, 0, 0);

    /** Keeps the last {@code capacity} round trips. Not thread-safe: the board guards it. */
    public static final class Window {
        private final long[] nanos;
        private int next;
        private int size;

        public Window(int capacity) {
            nanos = new long[capacity];
        }

        public void add(Duration roundTrip) {
            nanos[next] = roundTrip.toNanos();
            next = (next + 1) % nanos.length;
            size = Math.min(size + 1, nanos.length);
        }

        public Latency latency() {
            if (size == 0) {
                return NONE;
            }
            long[] sorted = Arrays.copyOf(nanos, size);
            Arrays.sort(sorted);
            return new Latency(size, millis(sorted, 0.50), millis(sorted, 0.99), sorted[size - 1] / 1e6);
        }

        /** Nearest-rank percentile. */
        private static double millis(long[] sorted, double p) {
            int rank = (int) Math.ceil(p * sorted.length);
            return sorted[Math.max(0, rank - 1)] / 1e6;
        }
    }
}
