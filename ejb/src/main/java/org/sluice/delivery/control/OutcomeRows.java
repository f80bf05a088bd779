package org.sluice.delivery.control;

import static org.sluice.delivery.control.DeliveryStatements.fitted;

import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.sluice.event.control.EventJson;
import org.sluice.event.control.EventType;
import org.sluice.event.control.OutboxRows;
import org.sluice.recipient.control.CountChanges;
import org.sluice.recipient.control.OutcomeStates;
import org.sluice.recipient.entity.RecipientState;
import org.sluice.schema.IndexProbes;

/**
 * The rows an answer writes inside a ledger transaction: the recipient's outcome row, a delivery_record for the SMTP
 * transaction, a suppression for an address the MTA refused for good, the delivered and failed events (the outbox),
 * the campaign's counters (recipients sent after a deferral, transactions lost with the connection) and
 * its recipient counts by state ({@link CountChanges}, last).
 */
final class OutcomeRows {

    /** delivery_record.reply_code of an SMTP transaction that ended without a reply: the outcome is unknown. */
    static final int UNKNOWN_OUTCOME = -1;

    /** SQLSTATE of a unique constraint violation (H2 and PostgreSQL alike). */
    private static final String UNIQUE_VIOLATION = "23505";

    private final LedgerConnection ledger;
    private final long campaignId;
    private final AddressRefusals refusals;

    OutcomeRows(LedgerConnection ledger, long campaignId, AddressRefusals refusals) {
        this.ledger = ledger;
        this.campaignId = campaignId;
        this.refusals = refusals;
    }

    /** A final answer on its own; its change of state goes to {@code counts}. */
    void writeFinal(long mtaId, DeliveryOutcome outcome, RecipientState state, Timestamp now, CountChanges counts)
            throws SQLException {
        List<FinalOutcome> one = List.of(new FinalOutcome(mtaId, outcome, state, now));
        recordOutcomes(one, counts);
        suppressRefused(one);
        addEvents(one);
        countDeferredThenSent(state == RecipientState.SENT && outcome.retry() ? 1 : 0);
    }

    /**
     * A group of final answers: the outcome rows in one JDBC batch (each write needs its own update count), the
     * delivery records in one statement, and the group's changes of state counted once.
     */
    void writeGroup(List<FinalOutcome> group) throws SQLException {
        CountChanges counts = new CountChanges();
        recordOutcomes(group, counts);
        insertRecords(group);
        suppressRefused(group);
        addEvents(group);
        int deferredThenSent = 0;
        for (FinalOutcome f : group) {
            if (f.state() == RecipientState.SENT && f.outcome().retry()) {
                deferredThenSent++;
            }
        }
        countDeferredThenSent(deferredThenSent);
        counts.addTo(ledger.connection());
    }

    /**
     * Writes each answer's state to its recipient's outcome row, in one batch, and counts each change by the state it
     * replaced. The state is read first without locks and each write holds only if the recipient is still in it
     * ({@link OutcomeStates}); a recipient another transaction moved in between (a suppression) is read and written
     * again. Rows are written in ascending recipient id, the order every writer locks them in.
     */
    private void recordOutcomes(List<FinalOutcome> outcomes, CountChanges counts) throws SQLException {
        List<FinalOutcome> toWrite = outcomes.stream()
                .sorted(Comparator.comparingLong(f -> f.outcome().recipientId()))
                .toList();
        for (int round = 1; !toWrite.isEmpty(); round++) {
            if (round > OutcomeStates.MAX_ROUNDS) {
                throw new SQLException("recipient " + toWrite.get(0).outcome().recipientId() + " kept changing state"
                        + " while its outcome was written (" + OutcomeStates.MAX_ROUNDS + " tries)");
            }
            Map<Long, RecipientState> current = OutcomeStates.of(
                    ledger.connection(),
                    toWrite.stream().map(f -> f.outcome().recipientId()).collect(Collectors.toSet()));
            List<RecipientState> before = new ArrayList<>(toWrite.size());
            PreparedStatement recordOutcome = ledger.recordOutcome();
            for (FinalOutcome f : toWrite) {
                long id = f.outcome().recipientId();
                before.add(current.get(id));
                bindOutcome(id, f.state(), f.outcome().reply().toString(), f.at(), current.get(id));
                recordOutcome.addBatch();
                current.put(id, f.state()); // the same recipient twice in a batch: its second write follows the first
            }
            int[] written = recordOutcome.executeBatch();
            List<FinalOutcome> changedMeanwhile = new ArrayList<>();
            for (int i = 0; i < written.length; i++) {
                FinalOutcome f = toWrite.get(i);
                if (OutcomeStates.written(written[i])) {
                    counts.moved(campaignId, OutcomeStates.counted(before.get(i)), f.state());
                } else {
                    changedMeanwhile.add(f);
                }
            }
            toWrite = changedMeanwhile;
        }
    }

    /** The delivery_record rows of a group's SMTP transactions, after their outcome rows. */
    private void insertRecords(List<FinalOutcome> group) throws SQLException {
        int n = group.size();
        Long[] recipients = new Long[n];
        Long[] mtas = new Long[n];
        String[] messageIds = new String[n];
        Integer[] codes = new Integer[n];
        String[] texts = new String[n];
        Timestamp[] times = new Timestamp[n];
        for (int i = 0; i < n; i++) {
            FinalOutcome f = group.get(i);
            DeliveryOutcome o = f.outcome();
            recipients[i] = o.recipientId();
            mtas[i] = f.mtaId();
            messageIds[i] = o.messageId();
            codes[i] = o.reply().code();
            texts[i] = fitted(o.reply().text());
            times[i] = f.at();
        }
        Connection c = ledger.connection();
        int inserted = IndexProbes.only(c, () -> {
            try (PreparedStatement insert = ledger.prepare(DeliveryStatements.INSERT_RECORDS)) {
                insert.setLong(1, campaignId);
                insert.setArray(2, c.createArrayOf("BIGINT", recipients));
                insert.setArray(3, c.createArrayOf("BIGINT", mtas));
                insert.setArray(4, c.createArrayOf("VARCHAR", messageIds));
                insert.setArray(5, c.createArrayOf("INTEGER", codes));
                insert.setArray(6, c.createArrayOf("VARCHAR", texts));
                insert.setArray(7, c.createArrayOf("TIMESTAMP", times));
                return insert.executeUpdate();
            }
        });
        if (inserted != n) {
            throw new SQLException(n + " delivery records to write, " + inserted + " written");
        }
    }

    /**
     * Puts the addresses the MTA refused for good ({@link AddressRefusals}) on the suppression list, in the outcomes'
     * transaction. An unsubscribe or a bounce may suppress the same address at the same moment: the loser of that race
     * hits the primary key, which must not cost the group its outcomes, so each insert runs under a savepoint and a
     * duplicate is dropped (the address is suppressed either way).
     */
    private void suppressRefused(List<FinalOutcome> outcomes) throws SQLException {
        Connection c = ledger.connection();
        for (FinalOutcome f : outcomes) {
            if (f.state() != RecipientState.FAILED
                    || !refusals.suppresses(f.outcome().reply())) {
                continue;
            }
            Savepoint before = c.setSavepoint();
            try (PreparedStatement suppress = ledger.prepare(DeliveryStatements.SUPPRESS_REFUSED)) {
                suppress.setString(
                        1, fitted("refused at send time: " + f.outcome().reply()));
                suppress.setTimestamp(2, f.at());
                suppress.setLong(3, f.outcome().recipientId());
                suppress.executeUpdate();
                c.releaseSavepoint(before);
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
                c.rollback(before);
            }
        }
    }

    /** The group's delivered and failed events, in the outbox, in the outcomes' transaction. */
    private void addEvents(List<FinalOutcome> outcomes) throws SQLException {
        List<JsonObject> events = new ArrayList<>(outcomes.size());
        for (FinalOutcome f : outcomes) {
            DeliveryOutcome o = f.outcome();
            events.add(EventJson.outcome(
                    f.state() == RecipientState.SENT ? EventType.DELIVERED : EventType.FAILED,
                    campaignId,
                    o.recipientId(),
                    o.address(),
                    o.messageId(),
                    o.reply().code(),
                    o.reply().text(),
                    f.at().toInstant()));
        }
        OutboxRows.insert(ledger.connection(), events, Instant.now());
    }

    private void countDeferredThenSent(int recipients) throws SQLException {
        if (recipients > 0) {
            try (PreparedStatement counter = ledger.prepare(DeliveryStatements.COUNT_DEFERRED_THEN_SENT_BY)) {
                counter.setInt(1, recipients);
                counter.setLong(2, campaignId);
                counter.executeUpdate();
            }
        }
    }

    /**
     * {@code transactions} SMTP transactions for this message ended without a reply: each counts as an attempt, is
     * logged with reply code {@value #UNKNOWN_OUTCOME} and counted on the campaign; the recipient keeps its state.
     */
    void writeLost(long mtaId, long recipientId, String messageId, String reason, int transactions, Timestamp now)
            throws SQLException {
        // A lost transaction was an attempt: the next record of this recipient numbers after it.
        try (PreparedStatement attempts = ledger.prepare(DeliveryStatements.COUNT_LOST_ATTEMPTS)) {
            attempts.setLong(1, recipientId);
            attempts.setInt(2, transactions);
            attempts.setTimestamp(3, now);
            attempts.setLong(4, campaignId);
            attempts.executeUpdate();
        }
        insertRecord(
                mtaId,
                recipientId,
                messageId,
                UNKNOWN_OUTCOME,
                fitted("outcome unknown (" + transactions + " transaction" + (transactions == 1 ? "" : "s")
                        + " lost with the connection), sent again: " + reason),
                now);
        try (PreparedStatement counter = ledger.prepare(DeliveryStatements.COUNT_UNKNOWN)) {
            counter.setInt(1, transactions);
            counter.setLong(2, campaignId);
            counter.executeUpdate();
        }
    }

    /** The delivery_record of one SMTP transaction. */
    void insertRecord(long mtaId, long recipientId, String messageId, int code, String text, Timestamp now)
            throws SQLException {
        bindRecord(mtaId, recipientId, messageId, code, text, now);
        ledger.insertRecord().executeUpdate();
    }

    private void bindOutcome(long recipientId, RecipientState state, String reply, Timestamp at, RecipientState before)
            throws SQLException {
        PreparedStatement recordOutcome = ledger.recordOutcome();
        recordOutcome.setLong(1, recipientId);
        recordOutcome.setString(2, state.name());
        recordOutcome.setString(3, fitted(reply));
        recordOutcome.setTimestamp(4, at);
        recordOutcome.setString(5, OutcomeStates.expected(before));
        recordOutcome.setLong(6, campaignId);
    }

    private void bindRecord(long mtaId, long recipientId, String messageId, int code, String text, Timestamp now)
            throws SQLException {
        PreparedStatement insert = ledger.insertRecord();
        insert.setLong(1, recipientId);
        insert.setLong(2, campaignId);
        insert.setLong(3, mtaId);
        insert.setString(4, messageId);
        insert.setInt(5, code);
        insert.setString(6, fitted(text));
        insert.setLong(7, recipientId);
        insert.setTimestamp(8, now);
    }
}
