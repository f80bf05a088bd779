package org.sluice.bounce.boundary;

import jakarta.ejb.ApplicationException;
import org.sluice.refusal.RequestRefusedException;

/**
 * Bounce handling that cannot be carried out: no or unusable bounce settings (the message names the property), or a
 * fetch already running too long. A mailbox that fails is a {@link BounceMailboxException}.
 */
@ApplicationException(rollback = true)
public class BounceException extends RequestRefusedException {

    public BounceException(String message) {
        super(message);
    }
}
