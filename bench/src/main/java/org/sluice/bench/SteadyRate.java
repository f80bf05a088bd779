package org.sluice.bench;

import java.util.function.LongSupplier;

/**
 * The rate of a send between 10 % and 90 % of its messages, without its start (the job starting, slices cut, the
 * partitions' first connections) and its finish (the last slices, fewer partitions than MTAs, the job ending): what
 * the nodes deliver while they all send. It samples a count of accepted messages every 20 ms in a thread of its own.
 */
final class SteadyRate implements AutoCloseable {

    private final long total;
    private final Thread sampler;
    private volatile long tenPercentAt;
    private volatile long ninetyPercentAt;

    SteadyRate(LongSupplier accepted, long total) {
        this.total = total;
        this.sampler = new Thread(() -> sample(accepted), "steady-rate");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample(LongSupplier accepted) {
        try {
            while (ninetyPercentAt == 0) {
                long count = accepted.getAsLong();
                long now = System.nanoTime();
                if (tenPercentAt == 0 && count * 10 >= total) {
                    tenPercentAt = now;
                }
                if (count * 10 >= total * 9) {
                    ninetyPercentAt = now;
                }
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Messages per second from 10 % to 90 % of the total; 0 when the send did not get that far. */
    double perSecond() {
        if (tenPercentAt == 0 || ninetyPercentAt == 0 || ninetyPercentAt == tenPercentAt) {
            return 0;
        }
        return total * 0.8 / ((ninetyPercentAt - tenPercentAt) / 1e9);
    }

    @Override
    public void close() {
        sampler.interrupt();
    }
}
