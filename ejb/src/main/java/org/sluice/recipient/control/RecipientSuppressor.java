package org.sluice.recipient.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sluice.recipient.entity.RecipientState;
import org.sluice.schema.IndexProbes;

/**
 * Marks recipients not yet mailed (PENDING, or DEFERRED awaiting a retry) SUPPRESSED, in the caller's transaction,
 * and counts each move by the state it replaced ({@link CountChanges}). Each write holds only if the recipient is
 * still in the state read just before ({@link OutcomeStates}); one that another transaction moved in between is read
 * again and, if still not mailed, written again.
 */
public final class RecipientSuppressor {

    private final Connection connection;
    private final Timestamp now;
    private final CountChanges counts;

    /** A recipient as read: its campaign and outcome state (null: no outcome row). */
    private record Standing(long id, long campaignId, RecipientState state) {

        boolean notYetMailed() {
            return state == null || state == RecipientState.PENDING || state == RecipientState.DEFERRED;
        }
    }

    public RecipientSuppressor(Connection connection, Timestamp now, CountChanges counts) {
        this.connection = connection;
        this.now = now;
        this.counts = counts;
    }

    /**
     * Recipients of one campaign by id, each with its reason (last_reply); ids of other campaigns are left alone.
     *
     * @return how many were marked
     */
    public int byId(long campaignId, Map<Long, String> whyById) throws SQLException {
        List<Standing> read = byIds(whyById.keySet());
        read.removeIf(r -> r.campaignId() != campaignId);
        return suppress(read, whyById);
    }

    /**
     * Every recipient of an address key, in any campaign.
     *
     * @return how many were marked
     */
    public int byAddress(String addressKey, String why) throws SQLException {
        List<Standing> read = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(RecipientStatements.STATES_BY_ADDRESS)) {
            ps.setString(1, addressKey);
            read(ps, read);
        }
        Map<Long, String> reasons = new HashMap<>();
        read.forEach(r -> reasons.put(r.id(), why));
        return suppress(read, reasons);
    }

    private int suppress(List<Standing> recipients, Map<Long, String> whyById) throws SQLException {
        int marked = 0;
        List<Standing> toWrite = recipients;
        for (int round = 1; ; round++) {
            // In ascending id, the order every writer locks outcome rows in.
            toWrite = toWrite.stream()
                    .filter(Standing::notYetMailed)
                    .sorted(java.util.Comparator.comparingLong(Standing::id))
                    .toList();
            if (toWrite.isEmpty()) {
                return marked;
            }
            if (round > OutcomeStates.MAX_ROUNDS) {
                throw new SQLException("recipient " + toWrite.get(0).id() + " kept changing state while it was being"
                        + " suppressed (" + OutcomeStates.MAX_ROUNDS + " tries)");
            }
            int[] written;
            try (PreparedStatement merge = connection.prepareStatement(RecipientStatements.SUPPRESS)) {
                for (Standing r : toWrite) {
                    merge.setLong(1, r.id());
                    merge.setLong(2, r.campaignId());
                    merge.setString(3, OutcomeStates.expected(r.state()));
                    merge.setString(4, whyById.get(r.id()));
                    merge.setTimestamp(5, now);
                    merge.addBatch();
                }
                written = merge.executeBatch();
            }
            List<Long> changedMeanwhile = new ArrayList<>();
            for (int i = 0; i < written.length; i++) {
                Standing r = toWrite.get(i);
                if (OutcomeStates.written(written[i])) {
                    counts.moved(r.campaignId(), OutcomeStates.counted(r.state()), RecipientState.SUPPRESSED);
                    marked++;
                } else {
                    changedMeanwhile.add(r.id());
                }
            }
            toWrite = changedMeanwhile.isEmpty() ? List.of() : byIds(changedMeanwhile);
        }
    }

    private List<Standing> byIds(Collection<Long> ids) throws SQLException {
        List<Standing> read = new ArrayList<>();
        if (ids.isEmpty()) {
            return read;
        }
        return IndexProbes.only(connection, () -> {
            try (PreparedStatement ps = connection.prepareStatement(RecipientStatements.STATES_BY_ID)) {
                ps.setArray(1, OutcomeStates.ids(connection, ids));
                read(ps, read);
            }
            return read;
        });
    }

    private static void read(PreparedStatement ps, List<Standing> into) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String state = rs.getString(3);
                into.add(new Standing(
                        rs.getLong(1), rs.getLong(2), state == null ? null : RecipientState.valueOf(state)));
            }
        }
    }
}
