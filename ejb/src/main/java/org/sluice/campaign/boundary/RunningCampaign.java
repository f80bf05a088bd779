package org.sluice.campaign.boundary;

import java.time.Instant;

/** A campaign being sent, and when an operator asked to stop it (null if nobody did). */
public record RunningCampaign(long id, Instant stopRequestedAt) {

    public boolean stopRequested() {
        return stopRequestedAt != null;
    }
}
