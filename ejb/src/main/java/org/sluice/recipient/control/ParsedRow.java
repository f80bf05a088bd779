package org.sluice.recipient.control;

/** What an import makes of one source row: a recipient to store, or a rejection to report. */
public sealed interface ParsedRow permits ValidRow, RejectedRow {

    /** 1-based physical line (CSV) or row number (JDBC) in the source, for the admin's report. */
    long lineNumber();
}
