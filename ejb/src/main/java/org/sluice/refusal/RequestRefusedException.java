package org.sluice.refusal;

import jakarta.ejb.ApplicationException;

/**
 * A request Sluice refuses (it conflicts with the state of things, or its settings are unusable); the message tells
 * the admin why. Each feature throws its own subtype; the REST API answers them 409 and the console shows the message.
 */
@ApplicationException(rollback = true)
public abstract class RequestRefusedException extends RuntimeException {

    protected RequestRefusedException(String message) {
        super(message);
    }
}
