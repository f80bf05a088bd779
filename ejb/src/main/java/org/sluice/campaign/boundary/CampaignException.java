package org.sluice.campaign.boundary;

import jakarta.ejb.ApplicationException;
import org.sluice.refusal.InvalidValueException;
import org.sluice.refusal.RequestRefusedException;

/** A request about a campaign that cannot be carried out; the message tells the admin why. */
@ApplicationException(rollback = true)
public class CampaignException extends RequestRefusedException {

    public CampaignException(String message) {
        super(message);
    }

    public CampaignException(Kind kind, String message) {
        super(kind, message);
    }

    public static CampaignException noSuchCampaign(long id) {
        return new CampaignException(Kind.NOT_FOUND, "no campaign with id " + id).localized("campaign.notFound", id);
    }

    /** A value a campaign's domain type refused (a time zone, a sending window), with the console's text for it. */
    public static CampaignException invalid(InvalidValueException refused) {
        return new CampaignException(Kind.INVALID, refused.getMessage())
                .localized(refused.messageKey(), refused.messageArguments());
    }

    @Override
    public CampaignException localized(String key, Object... arguments) {
        super.localized(key, arguments);
        return this;
    }
}
