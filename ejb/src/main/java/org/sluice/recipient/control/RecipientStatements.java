package org.sluice.recipient.control;

import java.sql.Connection;
import java.sql.SQLException;
import org.sluice.recipient.entity.Recipient;

/**
 * The recipient feature's SQL, by name. The reads walk one index in order, so a page costs the same at the first
 * recipient and the millionth: recipient_campaign (campaign_id, id), or recipient_outcome_state (campaign_id, state,
 * recipient_id). Their ORDER BY repeats the index's columns; on H2 the index is also named ({@link Hinted}), because
 * H2's planner, once its automatic ANALYZE has seen most rows done, prefers the primary key and then sorts the whole
 * id range for every page (see docs/benchmarks.md).
 */
public final class RecipientStatements {

    /** A statement in standard SQL, and its H2 form naming the index to walk. */
    public record Hinted(String standard, String h2) {

        /** The form for the database behind this connection. */
        public String on(Connection c) throws SQLException {
            return isH2(c) ? h2 : standard;
        }
    }

    private static final String RECIPIENT_BY_CAMPAIGN = "recipient r USE INDEX (recipient_campaign)";
    private static final String OUTCOME_BY_STATE = "recipient_outcome o USE INDEX (recipient_outcome_state)";

    /*
     * Where recipients stand, read without locks before a write that holds only if they still stand there (see
     * RecipientSuppressor and OutcomeStates): recipient id, campaign id, outcome state (null: no outcome row, PENDING).
     */
    private static final String STATES = "SELECT r.id, r.campaign_id, o.state FROM recipient r"
            + " LEFT JOIN recipient_outcome o ON o.recipient_id = r.id WHERE ";

    /** Recipients by id, in any campaign: an array of ids. */
    public static final String STATES_BY_ID = STATES + "r.id = ANY(?)";

    /** Every recipient of an address key, in any campaign (the (address_key, campaign_id) index): address key. */
    public static final String STATES_BY_ADDRESS = STATES + "r.address_key = ?";

    /** The outcome rows of recipients (none: PENDING, never tried): an array of ids. */
    public static final String OUTCOME_STATES =
            "SELECT recipient_id, state FROM recipient_outcome WHERE recipient_id = ANY(?)";

    /**
     * A recipient not yet mailed becomes SUPPRESSED, if it is still in the state read before (null: no outcome row,
     * which is then created): recipient, campaign, that state, reply, time.
     */
    public static final String SUPPRESS = "MERGE INTO recipient_outcome o USING (VALUES (CAST(? AS BIGINT),"
            + " CAST(? AS BIGINT), CAST(? AS VARCHAR(12)), CAST(? AS VARCHAR(1000)), CAST(? AS TIMESTAMP)))"
            + " v (id, campaign_id, expected, reply, at) ON o.recipient_id = v.id"
            + " WHEN MATCHED AND o.state = v.expected THEN UPDATE SET state = 'SUPPRESSED', last_reply = v.reply,"
            + " updated_at = v.at"
            + " WHEN NOT MATCHED AND v.expected IS NULL THEN INSERT (recipient_id, campaign_id, state, last_reply,"
            + " attempts, updated_at) VALUES (v.id, v.campaign_id, 'SUPPRESSED', v.reply, 0, v.at)";

    /*
     * An import's chunk (see NewRecipientRows): its addresses already in the campaign, then its new recipients.
     */

    /**
     * The recipients of a campaign among some address keys, with their source lines: an array of keys, campaign.
     * "campaign_id + 0" keeps the plan on the unique (address_key, campaign_id) index, probed key by key: while a
     * campaign is new, PostgreSQL's statistics have not seen its id and would pick the campaign's own index.
     */
    public static final String EXISTING_KEYS =
            "SELECT address_key, source_line FROM recipient WHERE address_key = ANY(?) AND campaign_id + 0 = ?";

    /**
     * New recipients, one statement for a whole chunk (on PostgreSQL a third of the cost of a JDBC batch of single-row
     * INSERTs, see docs/benchmarks.md): campaign, time, then arrays of ids, addresses, keys, display names, merge
     * values and source lines. The arrays are cast to VARCHAR without a length, so a value too long for its column
     * fails the insert instead of being cut.
     */
    public static final String INSERT_RECIPIENTS = "INSERT INTO recipient (id, campaign_id, address, address_key,"
            + " display_name, merge_values, source_line, updated_at) SELECT u.id, CAST(? AS BIGINT), u.address,"
            + " u.address_key, u.display_name, u.merge_values, u.source_line, CAST(? AS TIMESTAMP) FROM UNNEST("
            + "CAST(? AS BIGINT ARRAY), CAST(? AS VARCHAR ARRAY), CAST(? AS VARCHAR ARRAY), CAST(? AS VARCHAR ARRAY),"
            + " CAST(? AS VARCHAR ARRAY), CAST(? AS BIGINT ARRAY))"
            + " AS u (id, address, address_key, display_name, merge_values, source_line)";

    /**
     * The next block of {@link Recipient#ID_BLOCK} recipient ids, the same blocks EclipseLink takes for the entity:
     * the value is the block's last id. H2, PostgreSQL.
     */
    public static final String NEXT_ID_BLOCK_H2 = "SELECT NEXT VALUE FOR recipient_seq";

    public static final String NEXT_ID_BLOCK_POSTGRESQL = "SELECT nextval('recipient_seq')";

    /*
     * A campaign's recipients counted by state (recipient_count, one row per campaign, see CountChanges): read by
     * primary key, added to once per transaction, and recounted from the tables for a consistency check.
     */

    /** A new campaign's counters, all zero: campaign. */
    public static final String OPEN_COUNTS = "INSERT INTO recipient_count (campaign_id, recipients, pending, sent,"
            + " deferred, failed, suppressed) VALUES (?, 0, 0, 0, 0, 0, 0)";

    /** A campaign's counters: campaign. */
    public static final String READ_COUNTS = "SELECT recipients, pending, sent, deferred, failed, suppressed"
            + " FROM recipient_count WHERE campaign_id = ?";

    /** Adds to a campaign's counters: recipients, pending, sent, deferred, failed, suppressed, campaign. */
    public static final String ADD_COUNTS = "UPDATE recipient_count SET recipients = recipients + ?,"
            + " pending = pending + ?, sent = sent + ?, deferred = deferred + ?, failed = failed + ?,"
            + " suppressed = suppressed + ? WHERE campaign_id = ?";

    /** A campaign's recipients, counted (recipient_campaign walked over the campaign's range): campaign. */
    /**
     * An address's campaigns, newest first (AddressHistory): campaign, its name, recipient, state, attempts, last
     * reply, last change. By address key, which leads recipient_address_unique.
     */
    public static final String HISTORY_CAMPAIGNS = "SELECT r.campaign_id, c.name, r.id, COALESCE(o.state, 'PENDING'),"
            + " COALESCE(o.attempts, 0), o.last_reply, o.updated_at FROM recipient r JOIN campaign c ON c.id = r.campaign_id"
            + " LEFT JOIN recipient_outcome o ON o.recipient_id = r.id WHERE r.address_key = ? ORDER BY r.campaign_id DESC";

    /** An address's SMTP transactions, newest first: time, campaign, its name, attempt, reply code and text, MTA. */
    public static final String HISTORY_ATTEMPTS = "SELECT d.sent_at, d.campaign_id, c.name, d.attempt, d.reply_code,"
            + " d.reply_text, m.name FROM recipient r JOIN delivery_record d ON d.recipient_id = r.id"
            + " JOIN campaign c ON c.id = d.campaign_id LEFT JOIN mta m ON m.id = d.mta_id WHERE r.address_key = ?"
            + " ORDER BY d.sent_at DESC, d.id DESC";

    /** An address's bounces and complaints, newest first: time, campaign, its name, kind, status, diagnostic. */
    public static final String HISTORY_BOUNCES = "SELECT b.received_at, b.campaign_id, c.name, b.kind, b.status,"
            + " b.diagnostic FROM recipient r JOIN bounce b ON b.recipient_id = r.id JOIN campaign c ON c.id = b.campaign_id"
            + " WHERE r.address_key = ? ORDER BY b.received_at DESC, b.id DESC";

    /** The address's suppression list entry: time, campaign (null: none), its name, reason, detail. */
    public static final String HISTORY_SUPPRESSION = "SELECT s.suppressed_at, s.campaign_id, c.name, s.reason, s.detail"
            + " FROM suppression s LEFT JOIN campaign c ON c.id = s.campaign_id WHERE s.address_key = ?";

    public static final String RECOUNT_RECIPIENTS = "SELECT COUNT(*) FROM recipient WHERE campaign_id = ?";

    /** A campaign's outcome rows by state, counted (recipient_outcome_state): campaign. */
    public static final String RECOUNT_OUTCOMES =
            "SELECT state, COUNT(*) FROM recipient_outcome WHERE campaign_id = ? GROUP BY state";

    /** The lowest id at or above a floor without an outcome row (never tried): campaign, floor. */
    public static final Hinted FIRST_UNTRIED =
            new Hinted(firstUntried("recipient r"), firstUntried(RECIPIENT_BY_CAMPAIGN));

    /** The lowest id with an outcome row in a state: campaign, state. */
    public static final Hinted FIRST_IN_STATE = new Hinted(
            firstInState("recipient_outcome"), firstInState("recipient_outcome USE INDEX (recipient_outcome_state)"));

    /*
     * The send path's pages: the columns of a PendingRecipient, with whether the address is on the suppression list
     * now (a primary-key lookup per row), so an address suppressed after the import is still never mailed.
     */
    private static final String SEND_COLUMNS = "SELECT r.id, r.address, r.display_name, r.merge_values, s.reason,"
            + " s.suppressed_at, o.next_attempt_at FROM ";
    private static final String WITH_SUPPRESSION = " LEFT JOIN suppression s ON s.address_key = r.address_key";

    /** PENDING recipients (no outcome row, or PENDING): campaign, after id, up to id, how many. */
    public static final Hinted PENDING_PAGE =
            new Hinted(pendingPage("recipient r"), pendingPage(RECIPIENT_BY_CAMPAIGN));

    /** DEFERRED recipients, due or not: campaign, after id, up to id, how many. */
    public static final Hinted DEFERRED_PAGE =
            new Hinted(deferredPage("recipient_outcome o"), deferredPage(OUTCOME_BY_STATE));

    /* The console's pages: every state, or one; by keyset after an id, by offset only where a user jumps. */
    private static final String PENDING_ONLY = " AND (o.state IS NULL OR o.state = 'PENDING')";
    private static final String BROWSE_COLUMNS = "SELECT r.id, r.address, r.display_name, COALESCE(o.state, 'PENDING'),"
            + " o.last_reply, COALESCE(o.attempts, 0), COALESCE(o.updated_at, r.updated_at) FROM ";

    /** Every recipient: campaign, after id, offset, how many. */
    public static final Hinted BROWSE_ALL = new Hinted(browse("recipient r", ""), browse(RECIPIENT_BY_CAMPAIGN, ""));

    /** PENDING recipients: campaign, after id, offset, how many. */
    public static final Hinted BROWSE_PENDING =
            new Hinted(browse("recipient r", PENDING_ONLY), browse(RECIPIENT_BY_CAMPAIGN, PENDING_ONLY));

    /** Recipients in one state other than PENDING: campaign, after id, state, offset, how many. */
    public static final Hinted BROWSE_IN_STATE =
            new Hinted(browseInState("recipient_outcome o"), browseInState(OUTCOME_BY_STATE));

    private RecipientStatements() {}

    /** Whether the database behind this connection is H2 (which gets index hints). */
    public static boolean isH2(Connection c) throws SQLException {
        return "H2".equals(c.getMetaData().getDatabaseProductName());
    }

    private static String firstUntried(String recipient) {
        return "SELECT r.id FROM " + recipient + " WHERE r.campaign_id = ? AND r.id >= ?"
                + " AND NOT EXISTS (SELECT 1 FROM recipient_outcome o WHERE o.recipient_id = r.id)"
                + " ORDER BY r.campaign_id, r.id FETCH FIRST 1 ROWS ONLY";
    }

    private static String firstInState(String outcome) {
        return "SELECT recipient_id FROM " + outcome + " WHERE campaign_id = ? AND state = ?"
                + " ORDER BY campaign_id, state, recipient_id FETCH FIRST 1 ROWS ONLY";
    }

    private static String pendingPage(String recipient) {
        return SEND_COLUMNS + recipient + " LEFT JOIN recipient_outcome o ON o.recipient_id = r.id" + WITH_SUPPRESSION
                + " WHERE r.campaign_id = ? AND r.id > ? AND r.id <= ?"
                + " AND (o.state IS NULL OR o.state = 'PENDING')"
                + " ORDER BY r.campaign_id, r.id FETCH FIRST ? ROWS ONLY";
    }

    private static String deferredPage(String outcome) {
        return SEND_COLUMNS + outcome + " JOIN recipient r ON r.id = o.recipient_id" + WITH_SUPPRESSION
                + " WHERE o.campaign_id = ? AND o.state = 'DEFERRED' AND o.recipient_id > ?"
                + " AND o.recipient_id <= ? ORDER BY o.campaign_id, o.state, o.recipient_id"
                + " FETCH FIRST ? ROWS ONLY";
    }

    private static String browse(String recipient, String condition) {
        return BROWSE_COLUMNS + recipient + " LEFT JOIN recipient_outcome o ON o.recipient_id = r.id"
                + " WHERE r.campaign_id = ? AND r.id > ?" + condition
                + " ORDER BY r.campaign_id, r.id OFFSET ? ROWS FETCH FIRST ? ROWS ONLY";
    }

    private static String browseInState(String outcome) {
        return BROWSE_COLUMNS + outcome + " JOIN recipient r ON r.id = o.recipient_id"
                + " WHERE o.campaign_id = ? AND o.recipient_id > ? AND o.state = ?"
                + " ORDER BY o.campaign_id, o.state, o.recipient_id OFFSET ? ROWS FETCH FIRST ? ROWS ONLY";
    }
}
