package org.sluice.suppression.control;

/** An unsubscribe link whose token is malformed, forged, or names a recipient Sluice does not have. */
public class InvalidUnsubscribeTokenException extends Exception {

    public InvalidUnsubscribeTokenException(String message) {
        super(message);
    }
}
