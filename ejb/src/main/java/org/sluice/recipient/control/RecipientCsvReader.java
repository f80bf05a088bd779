package org.sluice.recipient.control;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Streams a recipient CSV (RFC 4180, header row first) one row at a time with Apache Commons CSV, so a
 * file of any size never sits in memory. Each row becomes a {@link ParsedRow} carrying its line number.
 */
public final class RecipientCsvReader implements Closeable {

    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final RecipientColumns columns;
    /** Physical line on which the last record read (header included) ended. */
    private long lastLine;

    private long rowsRead;

    /**
     * @throws IllegalArgumentException if the file is empty or its header is unusable
     * @throws IOException              naming line 1 if the header row is malformed CSV
     */
    public RecipientCsvReader(Reader source) throws IOException {
        this.parser = CSVFormat.RFC4180
                .builder()
                .setIgnoreEmptyLines(true)
                .setTrim(false)
                .get()
                .parse(source);
        this.records = parser.iterator();
        try {
            CSVRecord header = nextRecord();
            if (header == null) {
                throw new IllegalArgumentException("the file is empty: expected a header row naming an 'email' column");
            }
            this.columns = RecipientColumns.of(header.toList());
        } catch (IOException | RuntimeException e) {
            parser.close(); // the caller gets no reader to close: release the file here
            throw e;
        }
        this.lastLine = parser.getCurrentLineNumber();
    }

    /**
     * Opens a recipient file on disk through {@link CsvTextInput} (strict UTF-8, bounded records).
     *
     * @throws CsvInputException naming line 1 if the file is empty or its header is unusable
     */
    public static RecipientCsvReader open(Path file) throws IOException {
        if (!Files.isReadable(file)) {
            throw new IOException("recipient file " + file + " does not exist or is not readable");
        }
        try {
            return new RecipientCsvReader(new CsvTextInput(Files.newInputStream(file)));
        } catch (IllegalArgumentException e) {
            throw new CsvInputException(1, "line 1: " + e.getMessage(), e);
        }
    }

    public RecipientColumns columns() {
        return columns;
    }

    /**
     * Skips rows already imported before a restart.
     * @param rows data rows (not counting the header) to skip
     */
    public void skip(long rows) throws IOException {
        while (rowsRead < rows && nextRecordCounted() != null) {
            // position only
        }
    }

    /**
     * Reads every remaining row as CSV only, without checking addresses or columns: whether the file can be read to
     * its end.
     *
     * @return the data rows read in all
     * @throws IOException naming the line where the CSV itself is malformed
     */
    public long readToEnd() throws IOException {
        while (nextRecordCounted() != null) {
            // parse only
        }
        return rowsRead;
    }

    /**
     * @return the next row, or null at the end of the file
     * @throws IOException with the line number when the CSV itself is malformed (e.g. an unclosed quote)
     */
    public ParsedRow next() throws IOException {
        CSVRecord record = nextRecordCounted();
        if (record == null) {
            return null;
        }
        List<String> values = record.toList();
        return columns.parse(lastLine, values, String.join(",", values));
    }

    private CSVRecord nextRecordCounted() throws IOException {
        CSVRecord record = nextRecord();
        if (record != null) {
            rowsRead++;
            // The parser has consumed the record's line end: this is the record's (last) line.
            lastLine = parser.getCurrentLineNumber();
        }
        return record;
    }

    private CSVRecord nextRecord() throws IOException {
        try {
            return records.hasNext() ? records.next() : null;
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CsvInputException input) {
                throw input; // already names its line
            }
            // The parser's own line count is wherever it gave up (past the end for an unclosed quote);
            // the bad record starts on the line after the last good one.
            if (e.getCause() instanceof java.nio.charset.CharacterCodingException) {
                // The decoder's own message ("Input length = 1") says neither what nor where; it decodes ahead
                // of the parser, so the bad bytes are at or after the next line, not necessarily on it.
                throw new IOException(
                        "the file is not UTF-8: invalid bytes at or after line " + (lastLine + 1)
                                + " (save it as UTF-8; it is probably in another encoding such as Windows-1252)",
                        e);
            }
            throw new CsvInputException(
                    lastLine + 1,
                    "malformed CSV near line " + (lastLine + 1) + ": "
                            + e.getCause().getMessage(),
                    e);
        }
    }

    public long rowsRead() {
        return rowsRead;
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
