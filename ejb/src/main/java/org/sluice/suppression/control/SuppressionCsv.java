package org.sluice.suppression.control;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.sluice.suppression.entity.Suppression;

/**
 * The suppression list as CSV (RFC 4180): the export's columns, and the rows of an import: a header row naming an
 * {@code email} column (the recipient import's name for it), optionally {@code detail}.
 */
public final class SuppressionCsv {

    public static final List<String> EXPORT_HEADER =
            List.of("email", "reason", "detail", "campaign_id", "suppressed_at");

    /** One row to add, with its line number for the report. */
    public record Row(long line, String email, String detail) {}

    private SuppressionCsv() {}

    public static CSVPrinter printer(Writer out) {
        try {
            return CSVFormat.RFC4180
                    .builder()
                    .setHeader(EXPORT_HEADER.toArray(String[]::new))
                    .get()
                    .print(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void print(CSVPrinter printer, Suppression s) {
        try {
            printer.printRecord(
                    s.getAddress(), s.getReason().name(), s.getDetail(), s.getCampaignId(), s.getSuppressedAt());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The rows of an import, at most {@code maxRows}.
     *
     * @throws IllegalArgumentException naming the line, for a file that is not such a CSV
     */
    public static List<Row> rows(Reader in, int maxRows) {
        List<Row> rows = new ArrayList<>();
        try (CSVParser parser = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true)
                .setIgnoreEmptyLines(true)
                .get()
                .parse(in)) {
            Map<String, Integer> header = lowerCase(parser.getHeaderMap());
            Integer email = header.get("email");
            if (email == null) {
                throw new IllegalArgumentException(
                        "line 1: the header row names no 'email' column (it names " + parser.getHeaderNames() + ")");
            }
            Integer detail = header.get("detail");
            for (CSVRecord record : parser) {
                long line = parser.getCurrentLineNumber(); // where the record ends
                if (rows.size() == maxRows) {
                    throw new IllegalArgumentException(
                            "line " + line + ": more than " + maxRows + " rows; split the file");
                }
                rows.add(new Row(
                        line,
                        email < record.size() ? record.get(email) : "",
                        detail != null && detail < record.size() ? record.get(detail) : null));
            }
        } catch (IOException | UncheckedIOException e) {
            Throwable cause = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : e;
            if (cause instanceof CharacterCodingException) {
                throw new IllegalArgumentException("the file is not UTF-8: save it as UTF-8", e);
            }
            throw new IllegalArgumentException("malformed CSV: " + cause.getMessage(), e);
        }
        return rows;
    }

    private static Map<String, Integer> lowerCase(Map<String, Integer> header) {
        Map<String, Integer> lower = new HashMap<>();
        // A byte order mark before the header is not part of the first column's name.
        header.forEach((name, index) ->
                lower.putIfAbsent(name.replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT), index));
        return lower;
    }
}
