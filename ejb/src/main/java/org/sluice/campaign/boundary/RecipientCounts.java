package org.sluice.campaign.boundary;

import java.util.Map;
import org.sluice.recipient.entity.RecipientState;

/** How many of a campaign's recipients are in each state. */
public record RecipientCounts(long pending, long sent, long deferred, long failed, long suppressed) {

    public static RecipientCounts of(Map<RecipientState, Long> byState) {
        return new RecipientCounts(
                byState.getOrDefault(RecipientState.PENDING, 0L),
                byState.getOrDefault(RecipientState.SENT, 0L),
                byState.getOrDefault(RecipientState.DEFERRED, 0L),
                byState.getOrDefault(RecipientState.FAILED, 0L),
                byState.getOrDefault(RecipientState.SUPPRESSED, 0L));
    }

    public long total() {
        return pending + sent + deferred + failed + suppressed;
    }

    /** Recipients with a final outcome for this run. */
    public long done() {
        return total() - pending;
    }
}
