package org.sluice.sending.batch;

import jakarta.batch.runtime.context.StepContext;

/**
 * What the send step's reader, writer and checkpoint algorithm of one partition tell each other, kept in the
 * partition's step context (each partition has its own; the reader, processor, writer and checkpoint algorithm of a
 * partition share it).
 * <ul>
 * <li>pass end: the reader handed out the last recipient of a pass, so the chunk ends there (see
 * {@link SendCheckpoints});</li>
 * <li>first unsent: the writer stopped mid-chunk (an operator's Stop) and left this recipient and the rest of the
 * chunk unsent, so the reader's checkpoint must not move past it (see {@link PendingRecipientReader});</li>
 * <li>idle: the reader is about to wait for slices other servers or partitions hold, so the writer closes its SMTP
 * connections and gives their permits back (an idle partition holding an MTA's last connection would keep the
 * partition holding that slice from sending).</li>
 * </ul>
 */
final class PartitionSignals {

    private boolean passEnd;
    private Long firstUnsentId;
    private Runnable whenIdle = () -> {};

    static PartitionSignals of(StepContext step) {
        if (step.getTransientUserData() instanceof PartitionSignals signals) {
            return signals;
        }
        PartitionSignals signals = new PartitionSignals();
        step.setTransientUserData(signals);
        return signals;
    }

    boolean passEndReached() {
        return passEnd;
    }

    void passEndReached(boolean reached) {
        this.passEnd = reached;
    }

    /** The writer left this recipient (and every later one of its chunk) unsent. */
    void unsentFrom(long recipientId) {
        firstUnsentId = recipientId;
    }

    /** What the writer does when the partition goes idle. */
    void onIdle(Runnable action) {
        this.whenIdle = action;
    }

    /** The partition waits between chunks (nothing is in flight). */
    void goingIdle() {
        whenIdle.run();
    }

    /** The recipient the writer left unsent since the last call, or null; clears it. */
    Long takeFirstUnsent() {
        Long id = firstUnsentId;
        firstUnsentId = null;
        return id;
    }
}
