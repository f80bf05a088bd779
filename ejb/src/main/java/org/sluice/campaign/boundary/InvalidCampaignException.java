package org.sluice.campaign.boundary;

import jakarta.ejb.ApplicationException;

/**
 * A campaign draft that is wrong in itself (a bad or missing field, a template that cannot be used), whatever state
 * Sluice is in: the request, not its timing, must change. The message names the field and what is wrong.
 */
@ApplicationException(rollback = true)
public class InvalidCampaignException extends CampaignException {

    public InvalidCampaignException(String message) {
        super(message);
    }
}
