package org.sluice.bounce.boundary;

import jakarta.ejb.ApplicationException;

/** The bounce mailbox could not be reached or read; the message names it (never its password) and the cause. */
@ApplicationException
public class BounceMailboxException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BounceMailboxException(String message) {
        super(message);
    }
}
