package org.sluice.campaign.entity;

/** Where a campaign is in its life; the send job moves it, the admin only starts, stops and restarts. */
public enum CampaignStatus {
    /** Being prepared: recipients may be imported, templates edited. */
    DRAFT,
    /** The campaign-send job is running. */
    SENDING,
    /** The job runs but no MTA of the pool has room now; it re-checks with backoff until its deadline. */
    WAITING_FOR_MTA,
    /**
     * Outside the campaign's sending window: its job stopped at its checkpoints and it is restarted when the window
     * opens (the waiting reason says when).
     */
    WAITING_FOR_WINDOW,
    /** Stopped by an operator; a restart resumes at the checkpoint. */
    STOPPED,
    /**
     * The job failed (MTA unreachable, pool overloaded past the deadline: see the incident, invalid template...);
     * a restart resumes at the checkpoint.
     */
    FAILED,
    /** Every recipient has an outcome. */
    COMPLETED;

    public boolean running() {
        return this == SENDING || this == WAITING_FOR_MTA;
    }

    public boolean acceptsRecipients() {
        return this == DRAFT;
    }
}
