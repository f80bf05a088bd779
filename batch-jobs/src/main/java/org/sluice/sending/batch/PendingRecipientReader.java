package org.sluice.sending.batch;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.sluice.recipient.boundary.RecipientStore;
import org.sluice.recipient.control.PendingRecipient;

/**
 * Reads the PENDING recipients of one id range in id order, a page at a time by keyset (id > last).
 * The checkpoint is the id of the last recipient handed to the chunk; on restart reading continues after
 * it, and recipients already SENT/FAILED are not PENDING any more, so they are never read again.
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
    private RecipientStore recipients;

    private final Deque<PendingRecipient> page = new ArrayDeque<>();
    private long lastReadId;
    private long lastFetchedId;
    private boolean exhausted;

    @Override
    public void open(Serializable checkpoint) {
        lastReadId = checkpoint == null ? firstId - 1 : (Long) checkpoint;
        lastFetchedId = lastReadId;
    }

    @Override
    public Object readItem() {
        if (page.isEmpty() && !exhausted) {
            var next = recipients.pendingPage(campaignId, lastFetchedId, lastId, Math.max(1, pageSize));
            if (next.isEmpty()) {
                exhausted = true;
            } else {
                page.addAll(next);
                lastFetchedId = next.get(next.size() - 1).id();
                List<PendingRecipient> suppressed = next.stream().filter(r -> r.suppressed() != null).toList();
                if (!suppressed.isEmpty()) {
                    recipients.markSuppressed(campaignId, suppressed);
                }
            }
        }
        PendingRecipient recipient = page.poll();
        if (recipient != null) {
            lastReadId = recipient.id();
        }
        return recipient;
    }

    @Override
    public Serializable checkpointInfo() {
        return lastReadId;
    }
}
