package org.sluice.recipient.control;

/** A source row that was not imported, with the reason an admin can act on. */
public record RowRejection(long lineNumber, String reason, String content) implements ParsedRow {

    /** Keeps the stored excerpt of the offending row short and printable. */
    public static RowRejection of(long lineNumber, String reason, String content) {
        String excerpt = content == null ? null : content.replaceAll("\\p{Cntrl}", " ");
        if (excerpt != null && excerpt.length() > 300) {
            excerpt = excerpt.substring(0, 300) + "...";
        }
        return new RowRejection(lineNumber, reason, excerpt);
    }
}
