package org.sluice.recipient.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The characters of a recipient file as the CSV parser should see them: strict UTF-8 (a byte that is not UTF-8
 * fails with its exact line, where an InputStreamReader's decoder reads 8 KB ahead and cannot say), a leading
 * byte order mark dropped (spreadsheet exports add one, also before a quoted header), and records bounded in
 * length. Commons CSV keeps a whole record in memory, so a 10 MB line, or an unclosed quote that swallows the
 * rest of a 60 MB file, would fill the heap before anything reports it; this fails it at the limit instead,
 * naming the line where the record started.
 */
public final class CsvTextInput extends Reader {

    /** A recipient row is a few hundred bytes; 1 MiB leaves room for long merge values (an HTML snippet). */
    public static final int DEFAULT_MAX_RECORD_CHARS = 1 << 20;

    private final InputStream in;
    private final int maxRecordChars;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(8192);
    private final CharBuffer chars = CharBuffer.allocate(8192);
    private boolean endOfInput;
    private boolean started;
    /** 1-based physical line of the next character handed out. */
    private long line = 1;

    private long recordStartLine = 1;
    private long recordChars;
    private boolean inQuotes;
    private boolean afterCr;

    public CsvTextInput(InputStream in) {
        this(in, DEFAULT_MAX_RECORD_CHARS);
    }

    public CsvTextInput(InputStream in, int maxRecordChars) {
        this.in = in;
        this.maxRecordChars = maxRecordChars;
        chars.flip(); // empty, ready to be read from
    }

    @Override
    public int read(char[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!chars.hasRemaining() && !fill()) {
            return -1;
        }
        int n = Math.min(length, chars.remaining());
        chars.get(target, offset, n);
        for (int i = offset; i < offset + n; i++) {
            track(target[i]);
        }
        return n;
    }

    /**
     * Follows RFC 4180 quoting just enough to know where a record ends: a line break outside quotes. A doubled
     * quote inside a quoted field toggles twice, so it needs no special case.
     */
    private void track(char c) throws CsvInputException {
        if (c == '\n' || c == '\r') {
            if (!(c == '\n' && afterCr)) {
                line++;
            }
            afterCr = c == '\r';
            if (!inQuotes) {
                recordChars = 0;
                recordStartLine = line;
                return;
            }
        } else {
            afterCr = false;
            if (c == '"') {
                inQuotes = !inQuotes;
            }
        }
        if (++recordChars > maxRecordChars) {
            throw new CsvInputException(
                    recordStartLine,
                    "the record starting on line " + recordStartLine
                            + " is longer than " + maxRecordChars + " characters"
                            + (inQuotes ? " (a quote opened there is never closed?)" : ""));
        }
    }

    /** Decodes the next piece; false at the end of the input. */
    private boolean fill() throws IOException {
        chars.clear();
        try {
            while (chars.position() == 0) {
                if (!endOfInput && bytes.hasRemaining()) {
                    int read = in.read(bytes.array(), bytes.position(), bytes.remaining());
                    if (read < 0) {
                        endOfInput = true;
                    } else {
                        bytes.position(bytes.position() + read);
                    }
                }
                bytes.flip();
                CoderResult result = decoder.decode(bytes, chars, endOfInput);
                if (result.isError()) {
                    throw notUtf8(result.length());
                }
                if (endOfInput) {
                    decoder.flush(chars);
                    bytes.compact();
                    break;
                }
                bytes.compact();
            }
        } finally {
            chars.flip();
        }
        if (!started) {
            started = true;
            if (chars.hasRemaining() && chars.get(chars.position()) == '\uFEFF') {
                chars.get(); // RFC 3629 6: a BOM at the start is a signature, not content
            }
        }
        return chars.hasRemaining();
    }

    /** Counts the lines in the characters decoded before the bad bytes, so the message names their line. */
    private CsvInputException notUtf8(int badLength) {
        CharBuffer before = chars.duplicate().flip();
        long at = line;
        boolean cr = afterCr;
        while (before.hasRemaining()) {
            char c = before.get();
            if ((c == '\n' && !cr) || c == '\r') {
                at++;
            }
            cr = c == '\r';
        }
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < badLength && bytes.position() + i < bytes.limit(); i++) {
            hex.append(i == 0 ? "" : " ").append(String.format("0x%02X", bytes.get(bytes.position() + i) & 0xFF));
        }
        return new CsvInputException(
                at,
                "line " + at + " is not UTF-8 (byte " + hex
                        + "): save the file as UTF-8 (it is probably Windows-1252 or ISO-8859-1)");
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
