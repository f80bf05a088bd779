package org.sluice.sending.batch;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.logging.Logger;
import org.sluice.recipient.boundary.RecipientsToSend;
import org.sluice.recipient.boundary.SuppressedRecipients;
import org.sluice.recipient.control.PendingRecipient;
import org.sluice.slice.boundary.SendSlices;
import org.sluice.slice.control.Slice;
import org.sluice.slice.control.SliceState;

/**
 * Reads the recipients still to be mailed one send slice at a time ({@link SendSlices}: a part of the campaign's id
 * range this partition claimed, which no other partition of any server reads meanwhile), in id order, a page at a time
 * by keyset (id > last). A slice is read first for its PENDING recipients (pass 0); if the MTA deferred (4xx) some of
 * them the slice goes back as RETRY and the partition claims the next one, so a campaign's first attempts are not held
 * up by retries. A RETRY slice is claimed once no slice is OPEN, and read in further passes until none of its
 * recipients is DEFERRED any more. A deferred recipient carries when it may be tried again; the writer waits until
 * then. Each deferral is recorded with a later retry time or, once the retry policy gives up, as FAILED, so the passes
 * end.
 * <p>
 * When no slice is left to claim the partition ends, unless {@code waitForOthers} (the campaign's own job): then it
 * waits until every slice is DONE, claiming any that another server gives back or leaves behind when it dies.
 * <p>
 * The checkpoint is the slice, the pass and the id of the last recipient handed to the chunk (or, after a Stop, the
 * last one before the first the writer left unsent); on restart reading continues after it if the slice can be claimed
 * again, and recipients already SENT/FAILED are in neither state any more, so they are never read again.
 * Recipients whose address is on the suppression list are marked SUPPRESSED as their page is read (one batch
 * per page) and still handed on, flagged, for the processor to filter out.
 */
@Named
@Dependent
public class PendingRecipientReader extends AbstractItemReader {

    private static final Logger LOG = Logger.getLogger(PendingRecipientReader.class.getName());
    private static final long WAIT_MILLIS = 1000;

    @Inject
    @BatchProperty
    private long campaignId;

    @Inject
    @BatchProperty
    private int pageSize;

    /** "true" in the campaign's own job: the partitions end only once every slice is DONE. */
    @Inject
    @BatchProperty
    private String waitForOthers;

    @EJB
    private RecipientsToSend recipients;

    @EJB
    private SuppressedRecipients suppressedRecipients;

    @EJB
    private SendSlices slices;

    @Inject
    private StepContext step;

    @Inject
    private JobContext job;

    private final Deque<PendingRecipient> page = new ArrayDeque<>();
    /** The slice this partition holds, or null. */
    private Slice slice;
    /** 0: PENDING recipients; 1, 2, ...: passes over the DEFERRED ones. */
    private int pass;

    private long lastReadId;
    private long lastFetchedId;
    private boolean exhausted;
    /** Where a restart must resume once the writer left recipients unsent (Stop); never moves on after that. */
    private SlicePosition stoppedAt;

    /** Where a partition's reading stands: the slice, the pass and the last id handed to a chunk. */
    record SlicePosition(int slice, int pass, long lastId) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** The checkpoint of a job started before slices, read back on its restart (and then not used). */
    record ReadPosition(int pass, long lastId) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    @Override
    public void open(Serializable checkpoint) {
        if (checkpoint instanceof SlicePosition position && position.slice() >= 0) {
            Slice again = slices.claim(campaignId, position.slice());
            if (again != null && again.number() == position.slice()) {
                take(again);
                pass = position.pass();
                lastReadId = position.lastId();
                lastFetchedId = lastReadId;
                return;
            }
            if (again != null) {
                take(again);
            }
        }
        // A checkpoint of another shape (a job started before slices) or of a slice finished since: the reader skips
        // anyone already mailed, so starting at a slice's first id only reads a page or two more.
    }

    @Override
    public Object readItem() {
        if (stoppedAt != null) {
            // The writer stopped (an operator's Stop, or another node taking the campaign over): the partition ends
            // here. JBeret may still ask a stopped partition for items, and reading on would finish the slice (DONE)
            // with the stopped chunk's recipients unsent.
            return null;
        }
        PartitionSignals signals = PartitionSignals.of(step);
        if (page.isEmpty() && !exhausted) {
            // Either the first read, or the previous chunk ended a pass: its outcomes are recorded now.
            signals.passEndReached(false);
            if (slice == null || !fetch()) {
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
        if (!slices.stillHeld(slice)) {
            // The database session holding the claim broke and another server took the slice: leave it to that one.
            LOG.warning(() -> "Send slice " + slice.number() + " of campaign " + campaignId
                    + " was taken over by another server; this partition moves on");
            slice = null;
            return false;
        }
        int limit = Math.max(1, pageSize);
        List<PendingRecipient> next = pass == 0
                ? recipients.pendingPage(campaignId, lastFetchedId, slice.lastId(), limit)
                : recipients.deferredPage(campaignId, lastFetchedId, slice.lastId(), limit);
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

    /**
     * Nothing is in flight here (the last chunk is written): another pass over this slice if anyone in it is still
     * deferred, else the next slice.
     */
    private void startNextPassOrFinish() {
        while (page.isEmpty()) {
            if (slice == null) {
                if (!claimNextSlice()) {
                    exhausted = true;
                    return;
                }
            } else if (recipients.hasPending(campaignId, slice.firstId(), slice.lastId())) {
                // Never DONE with anyone unsent: the slice goes back for another partition to read from its start,
                // and this partition ends (reading it again here could go round forever).
                LOG.warning(() -> "Send slice " + slice.number() + " of campaign " + campaignId
                        + " still has PENDING recipients after pass " + pass + "; it is left for another partition");
                slices.release(slice, null);
                slice = null;
                exhausted = true;
                return;
            } else if (!recipients.hasDeferred(campaignId, slice.firstId(), slice.lastId())) {
                slices.release(slice, SliceState.DONE);
                slice = null;
                continue;
            } else if (pass == 0) {
                slices.release(slice, SliceState.RETRY);
                slice = null;
                continue;
            } else {
                pass++;
                lastFetchedId = slice.firstId() - 1;
                lastReadId = lastFetchedId;
            }
            fetch();
        }
    }

    /** Claims the next slice; waits for other servers' slices when {@link #waitForOthers}. False when none is left. */
    private boolean claimNextSlice() {
        boolean waits = Boolean.parseBoolean(waitForOthers);
        while (true) {
            Slice next = slices.claim(campaignId, -1);
            if (next != null) {
                take(next);
                return true;
            }
            if (!waits || slices.unfinished(campaignId) == 0 || stopRequested()) {
                return false;
            }
            PartitionSignals.of(step).goingIdle();
            try {
                Thread.sleep(WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for other servers' send slices", e);
            }
        }
    }

    private void take(Slice claimed) {
        slice = claimed;
        pass = claimed.state() == SliceState.RETRY ? 1 : 0;
        lastReadId = claimed.firstId() - 1;
        lastFetchedId = lastReadId;
    }

    /** Asked of the JobOperator: a partition's JobContext holds the status it had when the partition began. */
    private boolean stopRequested() {
        BatchStatus status = BatchRuntime.getJobOperator()
                .getJobExecution(job.getExecutionId())
                .getBatchStatus();
        return status == BatchStatus.STOPPING || status == BatchStatus.STOPPED;
    }

    /**
     * Called after the chunk is written. A chunk never spans two passes (SendCheckpoints ends it at a pass's last
     * recipient), so {@link #pass} is the pass of every recipient in it. When a Stop made the writer leave the rest
     * of the chunk unsent, the checkpoint stays just before the first unsent recipient, so a restart reads it again.
     */
    @Override
    public Serializable checkpointInfo() {
        Long firstUnsent = PartitionSignals.of(step).takeFirstUnsent();
        if (firstUnsent != null && stoppedAt == null && slice != null) {
            stoppedAt = new SlicePosition(slice.number(), pass, firstUnsent - 1);
        }
        if (stoppedAt != null) {
            return stoppedAt;
        }
        return slice == null ? new SlicePosition(-1, 0, 0) : new SlicePosition(slice.number(), pass, lastReadId);
    }

    /** The partition ends (done, stopped or failed): its slice, if any, is free for another partition or server. */
    @Override
    public void close() {
        if (slice != null) {
            slices.release(slice, null);
            slice = null;
        }
    }
}
