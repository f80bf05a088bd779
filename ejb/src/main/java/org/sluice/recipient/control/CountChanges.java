package org.sluice.recipient.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.sluice.recipient.entity.RecipientState;

/**
 * What one transaction changes in its campaigns' recipient counts (table recipient_count): recipients stored, and
 * recipients moved from one state to another. Collected while the transaction writes its rows, and added to the
 * counters at its end, in the same transaction: one UPDATE per campaign, however many rows moved (a ledger group of
 * 200 outcomes updates its campaign's row once).
 * <p>
 * Lock order, kept by every writer so that none waits for another in a cycle: recipient and outcome rows first, then
 * the campaign row (its send counters), then the counter rows, last and in ascending campaign id. The counter row is
 * the one lock every writer of a campaign shares; it is held from this UPDATE to the commit, never while waiting for
 * anything else (an SMTP reply, another row).
 */
public final class CountChanges {

    /** Per campaign: recipients, then one delta per state in {@link #column} order. */
    private final SortedMap<Long, long[]> byCampaign = new TreeMap<>();

    /** A recipient stored in this state (PENDING, or SUPPRESSED when its address is on the suppression list). */
    public void stored(long campaignId, RecipientState state) {
        long[] deltas = deltas(campaignId);
        deltas[0]++;
        deltas[column(state)]++;
    }

    /** A recipient moved from one state to another (nothing when they are the same). */
    public void moved(long campaignId, RecipientState from, RecipientState to) {
        if (from == to) {
            return;
        }
        long[] deltas = deltas(campaignId);
        deltas[column(from)]--;
        deltas[column(to)]++;
    }

    /** Adds a correction to a campaign's counters: recipients and per-state differences. */
    public void corrected(long campaignId, long recipients, Map<RecipientState, Long> byState) {
        long[] deltas = deltas(campaignId);
        deltas[0] += recipients;
        byState.forEach((state, delta) -> deltas[column(state)] += delta);
    }

    public boolean isEmpty() {
        return byCampaign.values().stream().allMatch(CountChanges::zero);
    }

    /**
     * The parameters of {@link RecipientStatements#ADD_COUNTS}, one array per campaign whose counts change, in
     * ascending campaign id (the lock order).
     */
    public List<Object[]> updates() {
        List<Object[]> updates = new ArrayList<>();
        byCampaign.forEach((campaignId, deltas) -> {
            if (!zero(deltas)) {
                Object[] parameters = new Object[deltas.length + 1];
                for (int i = 0; i < deltas.length; i++) {
                    parameters[i] = deltas[i];
                }
                parameters[deltas.length] = campaignId;
                updates.add(parameters);
            }
        });
        return updates;
    }

    /**
     * Adds the changes to the counters on this connection, in its transaction; call it after the transaction's other
     * writes (the lock order above).
     *
     * @throws SQLException also if a campaign has no counter row (it would silently lose the changes)
     */
    public void addTo(Connection c) throws SQLException {
        List<Object[]> updates = updates();
        if (updates.isEmpty()) {
            return;
        }
        try (PreparedStatement add = c.prepareStatement(RecipientStatements.ADD_COUNTS)) {
            for (Object[] parameters : updates) {
                for (int i = 0; i < parameters.length; i++) {
                    add.setLong(i + 1, (Long) parameters[i]);
                }
                if (add.executeUpdate() != 1) {
                    throw noCounterRow((Long) parameters[parameters.length - 1]);
                }
            }
        }
    }

    /** The error when a campaign has no row in recipient_count. */
    public static SQLException noCounterRow(long campaignId) {
        return new SQLException("campaign " + campaignId + " has no row in recipient_count: its counts cannot be kept");
    }

    private long[] deltas(long campaignId) {
        return byCampaign.computeIfAbsent(campaignId, c -> new long[1 + RecipientState.values().length]);
    }

    /** The position of a state's counter in {@link RecipientStatements#ADD_COUNTS} (recipients are at 0). */
    private static int column(RecipientState state) {
        return switch (state) {
            case PENDING -> 1;
            case SENT -> 2;
            case DEFERRED -> 3;
            case FAILED -> 4;
            case SUPPRESSED -> 5;
        };
    }

    private static boolean zero(long[] deltas) {
        for (long d : deltas) {
            if (d != 0) {
                return false;
            }
        }
        return true;
    }
}
