package org.sluice.campaign.boundary;

import java.util.Map;
import org.sluice.recipient.entity.RecipientState;

/**
 * How many of a campaign's recipients are in each state, plus two counters of the send path: recipients accepted
 * after one or more deferrals ({@code deferredThenSent}, part of {@code sent}) and SMTP transactions whose outcome
 * was lost with the connection ({@code unknownOutcomes}; those recipients were sent again), and the complaints
 * (feedback-loop reports) about its messages.
 */
public record RecipientCounts(
        long pending,
        long sent,
        long deferred,
        long failed,
        long suppressed,
        long deferredThenSent,
        long unknownOutcomes,
        long complaints) {

    public static RecipientCounts of(Map<RecipientState, Long> byState) {
        return of(byState, 0, 0, 0);
    }

    public static RecipientCounts of(
            Map<RecipientState, Long> byState, long deferredThenSent, long unknownOutcomes, long complaints) {
        return new RecipientCounts(
                byState.getOrDefault(RecipientState.PENDING, 0L),
                byState.getOrDefault(RecipientState.SENT, 0L),
                byState.getOrDefault(RecipientState.DEFERRED, 0L),
                byState.getOrDefault(RecipientState.FAILED, 0L),
                byState.getOrDefault(RecipientState.SUPPRESSED, 0L),
                deferredThenSent,
                unknownOutcomes,
                complaints);
    }

    public long total() {
        return pending + sent + deferred + failed + suppressed;
    }

    /** Recipients with a final outcome for this run. */
    public long done() {
        return total() - pending;
    }
}
