package org.sluice.recipient.control;

/** A source row the import does not take, with the reason an admin can act on; stored as a RejectedRowRecord. */
public record RejectedRow(long lineNumber, String reason, String content) implements ParsedRow {

    /** Keeps the stored excerpt of the offending row short and printable. */
    public static RejectedRow of(long lineNumber, String reason, String content) {
        String excerpt = content == null ? null : content.replaceAll("\\p{Cntrl}", " ");
        if (excerpt != null && excerpt.length() > 300) {
            excerpt = excerpt.substring(0, 300) + "...";
        }
        return new RejectedRow(lineNumber, reason, excerpt);
    }
}
