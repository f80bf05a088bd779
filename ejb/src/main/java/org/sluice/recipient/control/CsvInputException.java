package org.sluice.recipient.control;

import java.io.IOException;

/** The recipient file itself is unreadable from a given line on (not UTF-8, a record too long, broken quoting). */
public class CsvInputException extends IOException {

    private final long lineNumber;

    public CsvInputException(long lineNumber, String message) {
        super(message);
        this.lineNumber = lineNumber;
    }

    public CsvInputException(long lineNumber, String message, Throwable cause) {
        super(message, cause);
        this.lineNumber = lineNumber;
    }

    public long lineNumber() {
        return lineNumber;
    }
}
