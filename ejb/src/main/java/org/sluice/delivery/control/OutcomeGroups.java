package org.sluice.delivery.control;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.sluice.config.ClusterNode;
import org.sluice.config.Setting;

/**
 * Final answers grouped for one commit each: a group is written when it has {@code sluice.ledger.group-size} answers
 * (200 by default) or its first is a second old. A group is written on the {@code writes} executor while the send
 * thread goes on with the next messages, so the SMTP connection does not idle while the database writes. One group is
 * in flight at a time; its failure surfaces at the next flush or wait, on the send thread (who must stop sending).
 */
final class OutcomeGroups {

    static final Setting GROUP_SIZE = Setting.of("sluice.ledger.group-size", "200");
    private static final long GROUP_MAX_AGE_MILLIS = 1_000;

    private final int groupSize = groupSize();
    private final long campaignId;
    private final Executor writes;
    private final Consumer<List<FinalOutcome>> writeGroup;
    private List<FinalOutcome> pending = new ArrayList<>();
    /** The group being written on {@link #writes}, or null. */
    private CompletableFuture<Void> inFlight;

    /**
     * @param writes     where groups are written; {@code Runnable::run} writes them on the caller's thread
     * @param writeGroup writes and commits one group, or throws IllegalStateException
     */
    OutcomeGroups(long campaignId, Executor writes, Consumer<List<FinalOutcome>> writeGroup) {
        this.campaignId = campaignId;
        this.writes = writes;
        this.writeGroup = writeGroup;
    }

    /**
     * On a cluster node, unless set: 1. When a node dies, another node takes its send slices over at once, without the
     * dead node's outcome journal; with one answer per group each answer is committed before the next but one is sent
     * (one group in flight at a time), so at most two messages per SMTP connection of the dead node are sent again.
     */
    private static int groupSize() {
        if (GROUP_SIZE.value().isEmpty() && ClusterNode.isThisServer()) {
            return 1;
        }
        return GROUP_SIZE.intValue(1, "answers");
    }

    /** Adds an answer to the group; writes the group if it is full or old enough. */
    void add(FinalOutcome outcome) {
        pending.add(outcome);
        // A slow MTA fills a group slowly: a second at most, so counts and charts never lag behind by more.
        if (pending.size() >= groupSize
                || outcome.at().getTime() - pending.get(0).at().getTime() >= GROUP_MAX_AGE_MILLIS) {
            flush();
        }
    }

    /**
     * Starts writing the answers waiting for their group's commit (after the group before, if still in flight).
     *
     * @throws IllegalStateException if the group before could not be written
     */
    void flush() {
        if (pending.isEmpty()) {
            return;
        }
        awaitWrites();
        List<FinalOutcome> group = pending;
        pending = new ArrayList<>(groupSize);
        Runnable write = () -> writeGroup.accept(group);
        try {
            inFlight = CompletableFuture.runAsync(write, writes);
        } catch (RejectedExecutionException shuttingDown) {
            write.run();
        }
    }

    /** Writes every answer given so far and waits until they are committed. */
    void flushAndWait() {
        flush();
        awaitWrites();
    }

    /** Forgets what is not written (the outcome journal keeps it). */
    void discard() {
        pending.clear();
        inFlight = null;
    }

    /** Waits for the group in flight; its failure is the caller's (who must stop sending). */
    private void awaitWrites() {
        CompletableFuture<Void> write = inFlight;
        if (write == null) {
            return;
        }
        inFlight = null;
        try {
            write.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof IllegalStateException failed) {
                throw failed;
            }
            throw new IllegalStateException(
                    "recording outcomes of campaign " + campaignId + " failed: " + e.getCause(), e.getCause());
        }
    }
}
