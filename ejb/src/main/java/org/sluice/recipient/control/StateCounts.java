package org.sluice.recipient.control;

import java.io.Serializable;
import java.util.EnumMap;
import java.util.Map;
import org.sluice.recipient.entity.RecipientState;

/** A campaign's recipients, and how many are in each state (the states add up to the recipients). */
public record StateCounts(long recipients, long pending, long sent, long deferred, long failed, long suppressed)
        implements Serializable {

    public long of(RecipientState state) {
        return switch (state) {
            case PENDING -> pending;
            case SENT -> sent;
            case DEFERRED -> deferred;
            case FAILED -> failed;
            case SUPPRESSED -> suppressed;
        };
    }

    public Map<RecipientState, Long> byState() {
        Map<RecipientState, Long> byState = new EnumMap<>(RecipientState.class);
        for (RecipientState state : RecipientState.values()) {
            byState.put(state, of(state));
        }
        return byState;
    }

    /** The recipients of every state together: {@link #recipients()}, when the counts are consistent. */
    public long sum() {
        return pending + sent + deferred + failed + suppressed;
    }

    public static StateCounts of(long recipients, Map<RecipientState, Long> byState) {
        return new StateCounts(
                recipients,
                byState.getOrDefault(RecipientState.PENDING, 0L),
                byState.getOrDefault(RecipientState.SENT, 0L),
                byState.getOrDefault(RecipientState.DEFERRED, 0L),
                byState.getOrDefault(RecipientState.FAILED, 0L),
                byState.getOrDefault(RecipientState.SUPPRESSED, 0L));
    }
}
