package org.sluice.delivery.control;

/**
 * The delivery feature's SQL, by name: what the ledger writes for each SMTP answer and what its readers count.
 * Outcomes live in recipient_outcome, one narrow row per recipient created by its first outcome (none: PENDING);
 * standard MERGE (H2, PostgreSQL 15+, SQL Server) inserts it or updates it in one statement.
 */
final class DeliveryStatements {

    /** The size of the reply columns (recipient_outcome.last_reply, delivery_record.reply_text). */
    static final int REPLY_CHARS = 1000;

    /**
     * A final answer: the recipient's new state and reply, one more attempt; only if the recipient is still in the state
     * read before (null: no outcome row yet), see OutcomeStates. Recipient, state, reply, time, state read, campaign.
     */
    static final String RECORD_OUTCOME =
            "MERGE INTO recipient_outcome o USING (VALUES (CAST(? AS BIGINT), CAST(? AS VARCHAR(12)),"
                    + " CAST(? AS VARCHAR(1000)), CAST(? AS TIMESTAMP), CAST(? AS VARCHAR(12))))"
                    + " v (id, state, reply, at, expected) ON o.recipient_id = v.id"
                    + " WHEN MATCHED AND o.state = v.expected THEN UPDATE SET state = v.state, last_reply = v.reply,"
                    + " attempts = o.attempts + 1, updated_at = v.at"
                    + " WHEN NOT MATCHED AND v.expected IS NULL THEN INSERT (recipient_id, campaign_id, state, last_reply,"
                    + " attempts, updated_at) VALUES (v.id, CAST(? AS BIGINT), v.state, v.reply, 1, v.at)";

    /** One SMTP transaction, numbered by the recipient's attempts so far. */
    static final String INSERT_RECORD =
            "INSERT INTO delivery_record (recipient_id, campaign_id, mta_id, message_id, reply_code, reply_text, attempt, sent_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, (SELECT attempts FROM recipient_outcome WHERE recipient_id = ?), ?)";

    /**
     * A group's SMTP transactions in one statement (a JDBC batch of {@link #INSERT_RECORD} costs PostgreSQL an
     * execution per row), each numbered by its recipient's attempts so far: campaign, then arrays of recipients, MTAs,
     * message ids, reply codes, reply texts and times.
     */
    static final String INSERT_RECORDS = "INSERT INTO delivery_record (recipient_id, campaign_id, mta_id, message_id,"
            + " reply_code, reply_text, attempt, sent_at) SELECT u.recipient_id, CAST(? AS BIGINT), u.mta_id,"
            + " u.message_id, u.reply_code, u.reply_text, o.attempts, u.sent_at FROM UNNEST(CAST(? AS BIGINT ARRAY),"
            + " CAST(? AS BIGINT ARRAY), CAST(? AS VARCHAR ARRAY), CAST(? AS INTEGER ARRAY), CAST(? AS VARCHAR ARRAY),"
            + " CAST(? AS TIMESTAMP ARRAY)) AS u (recipient_id, mta_id, message_id, reply_code, reply_text, sent_at)"
            + " LEFT JOIN recipient_outcome o ON o.recipient_id = u.recipient_id";

    /**
     * A refused address onto the suppression list ({@link AddressRefusals}) unless it is there already: detail, time,
     * recipient. Keyed like recipient.address_key, so every campaign's send pages skip it from now on.
     */
    static final String SUPPRESS_REFUSED = "INSERT INTO suppression (address_key, address, reason, detail, campaign_id,"
            + " suppressed_at) SELECT r.address_key, r.address, 'HARD_BOUNCE', CAST(? AS VARCHAR(1000)), r.campaign_id,"
            + " CAST(? AS TIMESTAMP) FROM recipient r WHERE r.id = ?"
            + " AND NOT EXISTS (SELECT 1 FROM suppression s WHERE s.address_key = r.address_key)";

    static final String READ_DEFERRAL =
            "SELECT attempts, deferred_since, state FROM recipient_outcome WHERE recipient_id = ?";

    /**
     * A 4xx: DEFERRED until the next attempt, or FAILED when the retry policy gives up; only if the recipient is still
     * in the state read with its attempts (null: no outcome row yet). Recipient, state, reply, time, next attempt,
     * state read, campaign.
     */
    static final String RECORD_DEFERRAL =
            "MERGE INTO recipient_outcome o USING (VALUES (CAST(? AS BIGINT), CAST(? AS VARCHAR(12)),"
                    + " CAST(? AS VARCHAR(1000)), CAST(? AS TIMESTAMP), CAST(? AS TIMESTAMP), CAST(? AS VARCHAR(12))))"
                    + " v (id, state, reply, at, next_at, expected) ON o.recipient_id = v.id"
                    + " WHEN MATCHED AND o.state = v.expected THEN UPDATE SET state = v.state, last_reply = v.reply,"
                    + " attempts = o.attempts + 1, updated_at = v.at, next_attempt_at = v.next_at,"
                    + " deferred_since = COALESCE(o.deferred_since, v.at)"
                    + " WHEN NOT MATCHED AND v.expected IS NULL THEN INSERT (recipient_id, campaign_id, state, last_reply,"
                    + " attempts, updated_at, next_attempt_at, deferred_since)"
                    + " VALUES (v.id, CAST(? AS BIGINT), v.state, v.reply, 1, v.at, v.next_at, v.at)";

    static final String COUNT_DEFERRED_THEN_SENT_BY =
            "UPDATE campaign SET deferred_then_sent = deferred_then_sent + ? WHERE id = ?";

    /** Whether a recipient is this campaign's (a row), and its outcome state (null: none yet): recipient, campaign. */
    static final String READ_RECOVERABLE = "SELECT o.state FROM recipient r"
            + " LEFT JOIN recipient_outcome o ON o.recipient_id = r.id WHERE r.id = ? AND r.campaign_id = ?";

    /**
     * A journaled outcome, applied to a recipient still PENDING or DEFERRED (or without an outcome yet): only if it is
     * still in the state just read (null: no outcome row). State, reply, time, state read, recipient.
     */
    static final String RECOVER_RECIPIENT =
            "MERGE INTO recipient_outcome o USING (SELECT r.id, r.campaign_id, CAST(? AS VARCHAR(12)) AS state,"
                    + " CAST(? AS VARCHAR(1000)) AS reply, CAST(? AS TIMESTAMP) AS at,"
                    + " CAST(? AS VARCHAR(12)) AS expected FROM recipient r WHERE r.id = ?) v ON o.recipient_id = v.id"
                    + " WHEN MATCHED AND o.state = v.expected THEN UPDATE SET state = v.state, last_reply = v.reply,"
                    + " attempts = o.attempts + 1, updated_at = v.at"
                    + " WHEN NOT MATCHED AND v.expected IS NULL THEN INSERT (recipient_id, campaign_id, state, last_reply,"
                    + " attempts, updated_at) VALUES (v.id, v.campaign_id, v.state, v.reply, 1, v.at)";

    /** A journaled SMTP transaction, unless the ledger has it already. */
    static final String RECOVER_RECORD =
            "INSERT INTO delivery_record (recipient_id, campaign_id, mta_id, message_id, reply_code, reply_text, attempt, sent_at)"
                    + " SELECT r.id, ?, ?, ?, ?, ?, COALESCE(o.attempts, 0), ? FROM recipient r"
                    + " LEFT JOIN recipient_outcome o ON o.recipient_id = r.id WHERE r.id = ? AND NOT EXISTS"
                    + " (SELECT 1 FROM delivery_record d WHERE d.recipient_id = r.id AND d.reply_code = ? AND d.message_id = ?)";

    /** A lost transaction counts as an attempt; the recipient stays PENDING (or DEFERRED) and is sent again. */
    static final String COUNT_LOST_ATTEMPTS =
            "MERGE INTO recipient_outcome o USING (VALUES (CAST(? AS BIGINT), CAST(? AS INT), CAST(? AS TIMESTAMP)))"
                    + " v (id, lost, at) ON o.recipient_id = v.id"
                    + " WHEN MATCHED THEN UPDATE SET attempts = o.attempts + v.lost"
                    + " WHEN NOT MATCHED THEN INSERT (recipient_id, campaign_id, state, attempts, updated_at)"
                    + " VALUES (v.id, CAST(? AS BIGINT), 'PENDING', v.lost, v.at)";

    static final String COUNT_UNKNOWN = "UPDATE campaign SET unknown_outcomes = unknown_outcomes + ? WHERE id = ?";

    /** H2 only: writes the commits it still holds in memory to the database file. */
    static final String H2_CHECKPOINT = "CHECKPOINT";

    static final String HIGHEST_RECORD_ID = "SELECT COALESCE(MAX(id), 0) FROM delivery_record";

    private DeliveryStatements() {}

    /** The delivery records with from < id <= to, counted per group of {@code columns} (a comma-separated list). */
    static String countRecordsByGroup(String columns) {
        return "SELECT " + columns + ", COUNT(*) FROM delivery_record WHERE id > ? AND id <= ? GROUP BY " + columns;
    }

    /** A reply cut to its column's size. */
    static String fitted(String text) {
        return text == null || text.length() <= REPLY_CHARS ? text : text.substring(0, REPLY_CHARS);
    }
}
