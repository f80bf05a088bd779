package org.sluice.campaign.entity;

/** Where a campaign is in its life; the send job moves it, the admin only starts, stops and restarts. */
public enum CampaignStatus {
    /** Being prepared: recipients may be imported, templates edited. */
    DRAFT,
    /** The campaign-send job is running. */
    SENDING,
    /** Stopped by an operator; a restart resumes at the checkpoint. */
    STOPPED,
    /** The job failed (MTA unreachable, invalid template...); a restart resumes at the checkpoint. */
    FAILED,
    /** Every recipient has an outcome. */
    COMPLETED;

    public boolean acceptsRecipients() {
        return this == DRAFT;
    }
}
