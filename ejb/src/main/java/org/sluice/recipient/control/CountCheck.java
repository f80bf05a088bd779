package org.sluice.recipient.control;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.sluice.recipient.entity.RecipientState;

/**
 * A campaign's recipient counters against a count of its tables, both read at one instant (one snapshot of the
 * database), so they agree while the campaign is being sent too.
 *
 * @param counters  what recipient_count holds
 * @param tables    the recipients and outcome rows, counted
 * @param corrected whether the counters were corrected to the tables' figures after this was read
 */
public record CountCheck(long campaignId, StateCounts counters, StateCounts tables, boolean corrected)
        implements Serializable {

    public boolean agrees() {
        return counters.equals(tables) && counters.sum() == counters.recipients();
    }

    /** What the tables have more (or less, negative) than the counters, per state. */
    public Map<RecipientState, Long> differences() {
        Map<RecipientState, Long> differences = new EnumMap<>(RecipientState.class);
        for (RecipientState state : RecipientState.values()) {
            long difference = tables.of(state) - counters.of(state);
            if (difference != 0) {
                differences.put(state, difference);
            }
        }
        return differences;
    }

    /** One line for an admin: agreement with the figures, or each difference. */
    public String report() {
        if (agrees()) {
            return "campaign " + campaignId + ": the counters agree with the tables: " + figures(tables);
        }
        List<String> found = new ArrayList<>();
        if (counters.recipients() != tables.recipients()) {
            found.add("recipients " + counters.recipients() + " counted, " + tables.recipients() + " in the tables");
        }
        for (RecipientState state : RecipientState.values()) {
            if (counters.of(state) != tables.of(state)) {
                found.add(state + " " + counters.of(state) + " counted, " + tables.of(state) + " in the tables");
            }
        }
        if (counters.sum() != counters.recipients()) {
            found.add("the counted states add up to " + counters.sum() + ", not " + counters.recipients());
        }
        return "campaign " + campaignId + ": the counters differ from the tables: " + String.join("; ", found)
                + (corrected ? " (corrected to the tables' figures)" : "");
    }

    private static String figures(StateCounts counts) {
        StringBuilder text = new StringBuilder(counts.recipients() + " recipients");
        for (RecipientState state : RecipientState.values()) {
            text.append(", ").append(counts.of(state)).append(' ').append(state);
        }
        return text.toString();
    }
}
