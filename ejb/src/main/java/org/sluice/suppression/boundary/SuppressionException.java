package org.sluice.suppression.boundary;

import jakarta.ejb.ApplicationException;
import org.sluice.refusal.RequestRefusedException;

/** A change to the suppression list that cannot be made, e.g. for an address that is not one; the message says why. */
@ApplicationException(rollback = true)
public class SuppressionException extends RequestRefusedException {

    public SuppressionException(Kind kind, String message) {
        super(kind, message);
    }

    @Override
    public SuppressionException localized(String key, Object... arguments) {
        super.localized(key, arguments);
        return this;
    }
}
