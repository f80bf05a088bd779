package org.sluice.sending.boundary;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.logging.Logger;
import org.sluice.audit.boundary.AuditLog;
import org.sluice.campaign.boundary.CampaignAudit;
import org.sluice.campaign.boundary.CampaignException;
import org.sluice.campaign.boundary.Campaigns;
import org.sluice.campaign.entity.Campaign;
import org.sluice.campaign.entity.CampaignStatus;
import org.sluice.campaign.entity.SendingWindow;
import org.sluice.refusal.InvalidValueException;
import org.sluice.security.Roles;

/**
 * Sending windows: a campaign may send only on some days between two local times (e.g. weekdays 08:00-20:00 in
 * Asia/Seoul). A run that starts outside the window stops in its validate step; a run under way when the window
 * closes is stopped at its checkpoints by {@link SendingWindowWatch} (within about 10 s). Either way the campaign
 * then waits (WAITING_FOR_WINDOW) and the watch restarts it when the window opens, under the campaign row's lock, so
 * one server restarts it once and the wait survives restarts.
 */
@Stateless
@PermitAll
public class SendingWindows {

    private static final Logger LOG = Logger.getLogger(SendingWindows.class.getName());

    @PersistenceContext(unitName = "sluice")
    private EntityManager em;

    @EJB
    private Campaigns campaigns;

    @EJB
    private CampaignSender sender;

    @EJB
    private AuditLog audit;

    /**
     * Sets or replaces the campaign's window. A send under way follows it within seconds: stopped if it is closed
     * now; a campaign waiting for it resumes if it is open.
     *
     * @throws CampaignException (INVALID) naming what is wrong with the window
     */
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Campaign set(long campaignId, Collection<String> days, String from, String until, String timeZone) {
        SendingWindow window;
        try {
            window = SendingWindow.parse(days, from, until, timeZone);
        } catch (InvalidValueException e) {
            throw CampaignException.invalid(e);
        }
        return change(campaignId, window);
    }

    /** @return whether the campaign had a window to remove */
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public boolean remove(long campaignId) {
        if (campaigns.get(campaignId).getSendingWindow() == null) {
            return false;
        }
        change(campaignId, null);
        return true;
    }

    private Campaign change(long campaignId, SendingWindow window) {
        Campaign campaign = campaigns.lock(campaignId);
        if (campaign.getStatus() == CampaignStatus.COMPLETED) {
            throw new CampaignException("campaign " + campaignId + " is completed: it sends nothing more")
                    .localized("refusal.window.completed", campaignId);
        }
        String before = CampaignAudit.state(campaign);
        campaign.setSendingWindow(window);
        audit.record(
                "SENDING_WINDOW", AuditLog.CAMPAIGN, Long.toString(campaignId), before, CampaignAudit.state(campaign));
        LOG.info(() -> "Campaign " + campaignId + " sending window: " + (window == null ? "none" : window.describe()));
        return campaign;
    }

    /** Whether the campaign's window is closed at {@code now} (false when it has none). */
    public boolean closed(long campaignId, Instant now) {
        SendingWindow window = campaigns.get(campaignId).getSendingWindow();
        return window != null && !window.isOpen(now);
    }

    /**
     * Marks the run that is starting as stopped for the window (its validate step found it closed): when the job
     * ends, the campaign waits for the window.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void runStartedOutside(long campaignId) {
        Campaign campaign = campaigns.lock(campaignId);
        campaign.pauseForWindow();
        LOG.info(() -> "Campaign " + campaignId + " " + campaign.getWaitingReason());
    }

    /** Running campaigns with a window, not yet stopped for it; the caller checks which are closed. */
    public List<Long> runningWithWindow() {
        return em.createQuery(
                        "select c.id from Campaign c where c.windowDays is not null and c.windowPaused = false"
                                + " and c.status in :running",
                        Long.class)
                .setParameter("running", List.of(CampaignStatus.SENDING, CampaignStatus.WAITING_FOR_MTA))
                .getResultList();
    }

    /** Campaigns waiting for their window. */
    public List<Long> waiting() {
        return em.createQuery("select c.id from Campaign c where c.status = :waiting", Long.class)
                .setParameter("waiting", CampaignStatus.WAITING_FOR_WINDOW)
                .getResultList();
    }

    /** Stops the campaign's run if its window is closed now (checked again under its row's lock). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void pauseIfClosed(long campaignId) {
        Campaign campaign = campaigns.lock(campaignId);
        SendingWindow window = campaign.getSendingWindow();
        if (window == null
                || window.isOpen(Instant.now())
                || campaign.isWindowPaused()
                || !campaign.getStatus().running()) {
            return;
        }
        campaign.pauseForWindow();
        sender.stopRun(campaign);
        audit.record("WINDOW_CLOSED", AuditLog.CAMPAIGN, Long.toString(campaignId), null, window(window));
        LOG.info(() -> "Campaign " + campaignId + " stops: its sending window (" + window.describe() + ") closed");
    }

    /** Restarts a campaign waiting for its window if the window is open now (or was removed). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void resumeIfOpen(long campaignId) {
        Campaign campaign = campaigns.lock(campaignId);
        SendingWindow window = campaign.getSendingWindow();
        if (campaign.getStatus() != CampaignStatus.WAITING_FOR_WINDOW
                || (window != null && !window.isOpen(Instant.now()))) {
            return;
        }
        audit.record(
                "WINDOW_OPENED",
                AuditLog.CAMPAIGN,
                Long.toString(campaignId),
                null,
                window == null ? null : window(window));
        long execution = sender.restart(campaignId);
        LOG.info(() -> "Campaign " + campaignId + " resumes in its sending window as job execution " + execution);
    }

    private static String window(SendingWindow window) {
        return jakarta.json.Json.createObjectBuilder()
                .add("sendingWindow", window.describe())
                .build()
                .toString();
    }
}
