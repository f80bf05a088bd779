package org.sluice.recipient.control;

/** A recipient address or name that Sluice will not mail; the message says what is wrong with it. */
public class InvalidRecipientException extends Exception {

    public InvalidRecipientException(String reason) {
        super(reason);
    }
}
