package org.sluice.sending.batch;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.StepContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.sluice.recipient.boundary.RecipientsToSend;
import org.sluice.recipient.boundary.SuppressedRecipients;
import org.sluice.recipient.control.PendingRecipient;

/**
 * Reads the recipients of one id range still to be mailed, in id order, a page at a time by keyset (id > last):
 * first every PENDING one (pass 0), then, in further passes over the range, those the MTA deferred (4xx) until none
 * is DEFERRED any more. A deferred recipient carries when it may be tried again; the writer waits until then. Each
 * deferral is recorded with a later retry time or, once the retry policy gives up, as FAILED, so the passes end.
 * <p>
 * The checkpoint is the pass and the id of the last recipient handed to the chunk (or, after a Stop, the last one
 * before the first the writer left unsent); on restart reading continues after it, and recipients already
 * SENT/FAILED are in neither state any more, so they are never read again.
 * Recipients whose address is on the suppression list are marked SUPPRESSED as their page is read (one batch
 * per page) and still handed on, flagged, for the processor to filter out.
 */
@Named
@Dependent
public class PendingRecipientReader extends AbstractItemReader {

    @Inject
    @BatchProperty
    private long campaignId;

    @Inject
    @BatchProperty
    private long firstId;

    @Inject
    @BatchProperty
    private long lastId;

    @Inject
    @BatchProperty
    private int pageSize;

    @EJB
    private RecipientsToSend recipients;

    @EJB
    private SuppressedRecipients suppressedRecipients;

    @Inject
    private StepContext step;

    private final Deque<PendingRecipient> page = new ArrayDeque<>();
    /** 0: PENDING recipients; 1, 2, ...: passes over the DEFERRED ones. */
    private int pass;

    private long lastReadId;
    private long lastFetchedId;
    private boolean exhausted;
    /** Where a restart must resume once the writer left recipients unsent (Stop); never moves on after that. */
    private ReadPosition stoppedAt;

    /** Where a partition's reading stands: the pass and the last id handed to a chunk. */
    record ReadPosition(int pass, long lastId) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    @Override
    public void open(Serializable checkpoint) {
        if (checkpoint instanceof ReadPosition position) {
            pass = position.pass();
            lastReadId = position.lastId();
        } else {
            // A Long is the checkpoint of a job started before deferred recipients were retried: pass 0.
            pass = 0;
            lastReadId = checkpoint == null ? firstId - 1 : (Long) checkpoint;
        }
        lastFetchedId = lastReadId;
    }

    @Override
    public Object readItem() {
        PartitionSignals signals = PartitionSignals.of(step);
        if (page.isEmpty() && !exhausted) {
            // Either the first read, or the previous chunk ended a pass: its outcomes are recorded now.
            signals.passEndReached(false);
            if (!fetch()) {
                startNextPassOrFinish();
            }
        }
        PendingRecipient recipient = page.poll();
        if (recipient != null) {
            lastReadId = recipient.id();
            if (page.isEmpty() && !fetch()) {
                // This is the pass's last recipient: end the chunk with it (SendCheckpoints) before deciding
                // whether another pass is needed.
                signals.passEndReached(true);
            }
        }
        return recipient;
    }

    /** Reads the next page of this pass into {@link #page}; false at the end of the pass. */
    private boolean fetch() {
        int limit = Math.max(1, pageSize);
        List<PendingRecipient> next = pass == 0
                ? recipients.pendingPage(campaignId, lastFetchedId, lastId, limit)
                : recipients.deferredPage(campaignId, lastFetchedId, lastId, limit);
        if (next.isEmpty()) {
            return false;
        }
        page.addAll(next);
        lastFetchedId = next.get(next.size() - 1).id();
        List<PendingRecipient> suppressed =
                next.stream().filter(r -> r.suppressed() != null).toList();
        if (!suppressed.isEmpty()) {
            suppressedRecipients.markSuppressed(campaignId, suppressed);
        }
        return true;
    }

    /** Nothing is in flight here (the last chunk is written): another pass if anyone is still deferred. */
    private void startNextPassOrFinish() {
        while (page.isEmpty()) {
            if (!recipients.hasDeferred(campaignId, firstId, lastId)) {
                exhausted = true;
                return;
            }
            pass++;
            lastFetchedId = firstId - 1;
            lastReadId = lastFetchedId;
            fetch();
        }
    }

    /**
     * Called after the chunk is written. A chunk never spans two passes (SendCheckpoints ends it at a pass's last
     * recipient), so {@link #pass} is the pass of every recipient in it. When a Stop made the writer leave the rest
     * of the chunk unsent, the checkpoint stays just before the first unsent recipient, so a restart reads it again.
     */
    @Override
    public Serializable checkpointInfo() {
        Long firstUnsent = PartitionSignals.of(step).takeFirstUnsent();
        if (firstUnsent != null && stoppedAt == null) {
            stoppedAt = new ReadPosition(pass, firstUnsent - 1);
        }
        return stoppedAt != null ? stoppedAt : new ReadPosition(pass, lastReadId);
    }
}
