package org.sluice.event.boundary;

import jakarta.ejb.ApplicationException;
import org.sluice.refusal.RequestRefusedException;

/** A webhook that cannot be registered or changed (a URL that is not one, an unknown event type, an unknown id). */
@ApplicationException(rollback = true)
public class WebhookException extends RequestRefusedException {

    public WebhookException(Kind kind, String message) {
        super(kind, message);
    }

    @Override
    public WebhookException localized(String key, Object... arguments) {
        super.localized(key, arguments);
        return this;
    }
}
