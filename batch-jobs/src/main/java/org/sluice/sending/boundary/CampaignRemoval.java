package org.sluice.sending.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.util.Map;
import java.util.logging.Logger;
import org.sluice.audit.boundary.AuditLog;
import org.sluice.campaign.boundary.CampaignAudit;
import org.sluice.campaign.boundary.CampaignException;
import org.sluice.campaign.boundary.Campaigns;
import org.sluice.campaign.control.CampaignRows;
import org.sluice.campaign.entity.Campaign;
import org.sluice.importing.boundary.RecipientImports;
import org.sluice.security.Roles;
import org.sluice.slice.boundary.SendSlices;

/**
 * Deletes a campaign with its recipients, their delivery records, bounces, rejected rows and incidents, when no job
 * works on it: not while it is being sent (here or on another server of a cluster) or while an import runs. The
 * campaign's row is locked first, so a start or an import cannot begin in between (both lock it too).
 */
@Stateless
public class CampaignRemoval {

    private static final Logger LOG = Logger.getLogger(CampaignRemoval.class.getName());

    @EJB
    private Campaigns campaigns;

    @EJB
    private RecipientImports imports;

    @EJB
    private SendSliceHelpers helpers;

    @EJB
    private SendSlices slices;

    @EJB
    private CampaignRows rows;

    @EJB
    private AuditLog audit;

    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public void delete(long campaignId) {
        Campaign campaign = campaigns.lock(campaignId);
        if (campaign.getStatus().running() || helpers.runningHere(campaignId) != null) {
            throw new CampaignException(
                            "campaign " + campaignId + " is " + campaign.getStatus() + ": stop it before deleting it")
                    .localized("refusal.campaign.stopBeforeDeleting", campaignId);
        }
        if (slices.shared() && slices.leadHeld(campaignId)) {
            throw new CampaignException("campaign " + campaignId
                            + " is being sent by another Sluice server: stop it before deleting it")
                    .localized("refusal.campaign.stopBeforeDeleting", campaignId);
        }
        Long importing = imports.runningImport(campaignId);
        if (importing != null) {
            throw new CampaignException("campaign " + campaignId + " is importing recipients (job execution "
                            + importing + "): delete it once the import has ended")
                    .localized("refusal.campaign.importingBeforeDelete", campaignId);
        }
        String name = campaign.getName();
        String before = CampaignAudit.state(campaign);
        Map<String, Integer> deleted = rows.deleteAll(campaignId);
        audit.record("DELETE", AuditLog.CAMPAIGN, Long.toString(campaignId), before, null);
        LOG.info(() -> "Campaign " + campaignId + " (" + name + ") deleted: " + deleted);
    }
}
