package org.sluice.sending.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.ejb.EJBException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.sluice.campaign.boundary.CampaignException;
import org.sluice.campaign.entity.Campaign;

class ScheduleWordsTest {

    @Test
    void aScheduleIsShownInTheZoneItWasGivenIn() {
        Campaign campaign = new Campaign("n", "a@example.org", "s", "t", null);
        campaign.schedule(
                Instant.parse("2026-12-08T00:00:00Z"), "Asia/Seoul", Instant.parse("2026-12-08T03:30:00Z"), "op");

        assertEquals(
                "2026-12-08 09:00 Asia/Seoul, at the latest 2026-12-08 12:30", CampaignSchedules.describe(campaign));

        campaign.schedule(Instant.parse("2026-12-08T00:00:00Z"), "Europe/Berlin", null, "op");
        assertEquals("2026-12-08 01:00 Europe/Berlin", CampaignSchedules.describe(campaign));
    }

    @Test
    void aRefusedStartIsRecordedInTheRefusalsOwnWordsNotTheContainersWrapper() {
        CampaignException refusal = new CampaignException("campaign 7 has no recipients: import some first");

        assertEquals(
                "campaign 7 has no recipients: import some first",
                ScheduledStarts.reason(new EJBException("wrapped", refusal)));
        assertEquals("campaign 7 has no recipients: import some first", ScheduledStarts.reason(refusal));
        assertEquals("IllegalStateException", ScheduledStarts.reason(new IllegalStateException()));
    }
}
