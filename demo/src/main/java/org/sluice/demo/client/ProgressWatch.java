package org.sluice.demo.client;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Polls an import or a send until its job execution ends, printing a progress line per interval, and
 * gives up when nothing moves for {@code stallLimit} (a job stuck on a dead MTA must not hang the demo).
 */
public final class ProgressWatch {

    private final SluiceClient client;
    private final PrintStream out;
    private final Duration interval;
    private final Duration stallLimit;

    public ProgressWatch(SluiceClient client, PrintStream out, Duration interval, Duration stallLimit) {
        this.client = client;
        this.out = out;
        this.interval = interval;
        this.stallLimit = stallLimit;
    }

    public ImportResult awaitImport(long campaignId, long executionId) throws InterruptedException {
        long start = System.nanoTime();
        long lastCount = -1;
        long lastMove = start;
        while (true) {
            ImportResult now = ImportResult.of(client.importProgress(campaignId, executionId));
            long count = now.imported() + now.rejected() + now.duplicates();
            if (!now.running()) {
                return now;
            }
            if (count != lastCount) {
                lastCount = count;
                lastMove = System.nanoTime();
            } else if (System.nanoTime() - lastMove > stallLimit.toNanos()) {
                throw new IllegalStateException("import " + executionId + " of campaign " + campaignId
                        + " made no progress for " + stallLimit.toSeconds() + " s (" + now.batchStatus() + ")");
            }
            out.printf(Locale.ROOT, "  importing  %,9d rows read   (%s)%n", count, elapsed(start));
            Thread.sleep(interval.toMillis());
        }
    }

    public SendResult awaitSend(long campaignId) throws InterruptedException {
        long start = System.nanoTime();
        long lastDone = -1;
        long lastMove = start;
        long previousAt = start;
        long previousDone = 0;
        while (true) {
            SendResult now = SendResult.of(client.progress(campaignId));
            long at = System.nanoTime();
            long done = now.sent() + now.failed() + now.deferred() + now.suppressed();
            if (!now.running()) {
                return now;
            }
            if (done != lastDone) {
                lastDone = done;
                lastMove = at;
            } else if (at - lastMove > stallLimit.toNanos()) {
                throw new IllegalStateException("campaign " + campaignId + " made no progress for "
                        + stallLimit.toSeconds() + " s (" + now.batchStatus() + ", " + done + " done)");
            }
            long total = Math.max(1, now.total());
            double recent = (done - previousDone) / ((at - previousAt) / 1e9);
            out.printf(
                    Locale.ROOT,
                    "  sending    %,9d / %,d  %5.1f %%  %,7.0f msgs/s now, %,7.0f since start   (%s)%n",
                    now.sent(),
                    now.total(),
                    100.0 * done / total,
                    recent,
                    now.messagesPerSecond(),
                    elapsed(start));
            previousAt = at;
            previousDone = done;
            Thread.sleep(interval.toMillis());
        }
    }

    private static String elapsed(long startNanos) {
        return String.format(Locale.ROOT, "%.0f s", (System.nanoTime() - startNanos) / 1e9);
    }
}
