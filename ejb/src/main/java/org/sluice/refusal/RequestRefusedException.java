package org.sluice.refusal;

import jakarta.ejb.ApplicationException;

/**
 * A request Sluice refuses; the message tells the admin why, and its {@link Kind} says what is wrong with it, so the
 * REST API answers by meaning (409, 404, 422) and the console shows the message. Each feature throws its own subtype.
 */
@ApplicationException(rollback = true)
public abstract class RequestRefusedException extends RuntimeException {

    /** What is wrong with the request. */
    public enum Kind {
        /** It conflicts with the state of things (a campaign that is sending, settings that are unusable now). */
        CONFLICT,
        /** It names something that does not exist (a campaign, a recipient, an import). */
        NOT_FOUND,
        /** A value in it is wrong in itself (an address that is not one, an MTA name no MTA has). */
        INVALID
    }

    private final Kind kind;

    protected RequestRefusedException(String message) {
        this(Kind.CONFLICT, message);
    }

    protected RequestRefusedException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
