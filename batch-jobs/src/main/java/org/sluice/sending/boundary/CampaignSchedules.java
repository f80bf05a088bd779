package org.sluice.sending.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.logging.Logger;
import org.sluice.audit.boundary.AuditLog;
import org.sluice.campaign.boundary.CampaignException;
import org.sluice.campaign.boundary.Campaigns;
import org.sluice.campaign.entity.Campaign;
import org.sluice.campaign.entity.CampaignStatus;
import org.sluice.campaign.entity.SendingWindow;
import org.sluice.refusal.InvalidValueException;
import org.sluice.security.Roles;

/**
 * Scheduled starts: a draft is given a start time in a time zone, and optionally a latest start after which it is
 * not made (so that a schedule that comes due after an outage does not fire stale). The schedule is kept on the
 * campaign's row; {@link ScheduledStarts} polls for due ones on every server and starts each under the row's lock,
 * so it survives restarts and starts once in a cluster.
 */
@Stateless
@PermitAll
public class CampaignSchedules {

    private static final Logger LOG = Logger.getLogger(CampaignSchedules.class.getName());

    /** How far ahead a start may be scheduled. */
    static final Duration MAX_AHEAD = Duration.ofDays(366);

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    @PersistenceContext(unitName = "sluice")
    private EntityManager em;

    @Resource
    private SessionContext context;

    @EJB
    private Campaigns campaigns;

    @EJB
    private CampaignSender sender;

    @EJB
    private AuditLog audit;

    /**
     * Schedules (or moves) the start of a draft that was never started.
     *
     * @param startAt  local date and time in {@code timeZone}
     * @param notAfter optional latest start, in the same zone
     */
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Campaign schedule(long campaignId, LocalDateTime startAt, String timeZone, LocalDateTime notAfter) {
        ZoneId zone = zone(timeZone);
        if (startAt == null) {
            throw invalid("give the start as startAt, a local date and time such as 2026-12-08T09:00")
                    .localized("refusal.schedule.startMissing");
        }
        Instant start = startAt.atZone(zone).toInstant();
        Instant now = Instant.now();
        if (!start.isAfter(now)) {
            throw invalid("the start " + SHOWN.format(startAt) + " " + zone.getId() + " has passed")
                    .localized("refusal.schedule.passed", SHOWN.format(startAt), zone.getId());
        }
        if (start.isAfter(now.plus(MAX_AHEAD))) {
            throw invalid("the start " + SHOWN.format(startAt) + " " + zone.getId() + " is more than a year ahead")
                    .localized("refusal.schedule.tooFarAhead", SHOWN.format(startAt), zone.getId());
        }
        Instant latest = null;
        if (notAfter != null) {
            latest = notAfter.atZone(zone).toInstant();
            if (!latest.isAfter(start)) {
                throw invalid("notAfter (" + SHOWN.format(notAfter) + ") must come after startAt ("
                                + SHOWN.format(startAt) + ")")
                        .localized(
                                "refusal.schedule.notAfterBeforeStart", SHOWN.format(notAfter), SHOWN.format(startAt));
            }
        }
        Campaign campaign = campaigns.lock(campaignId);
        if (campaign.getJobExecutionId() != null || campaign.getStatus() != CampaignStatus.DRAFT) {
            throw new CampaignException("campaign " + campaignId + " is " + campaign.getStatus()
                            + (campaign.getJobExecutionId() != null ? " and was started before" : "")
                            + ": only a draft that was never started can be scheduled")
                    .localized("refusal.schedule.onlyDraft", campaignId);
        }
        String before = state(campaign);
        campaign.schedule(
                start, zone.getId(), latest, context.getCallerPrincipal().getName());
        audit.record("SCHEDULE", AuditLog.CAMPAIGN, Long.toString(campaignId), before, state(campaign));
        LOG.info(() -> "Campaign " + campaignId + " scheduled to start at " + start + " (" + zone.getId() + ")");
        return campaign;
    }

    /** @return whether the campaign had a schedule to cancel */
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public boolean cancel(long campaignId) {
        Campaign campaign = campaigns.lock(campaignId);
        if (campaign.getScheduledStart() == null) {
            return false;
        }
        String before = state(campaign);
        campaign.unschedule(null);
        audit.record("UNSCHEDULE", AuditLog.CAMPAIGN, Long.toString(campaignId), before, state(campaign));
        return true;
    }

    /** Campaigns whose scheduled start has come. */
    public List<Long> due(Instant now) {
        return em.createQuery("select c.id from Campaign c where c.scheduledStart <= :now", Long.class)
                .setParameter("now", now)
                .getResultList();
    }

    /**
     * Starts the campaign if its schedule is still due, under its row's lock (a schedule changed or a start made
     * meanwhile, here or on another server, is seen). A schedule past its latest start is dropped with a note. A
     * refused start rolls this back; the caller then records why with {@link #refused}.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void startIfDue(long campaignId) {
        Campaign campaign = campaigns.lock(campaignId);
        Instant now = Instant.now();
        if (campaign.getScheduledStart() == null || campaign.getScheduledStart().isAfter(now)) {
            return;
        }
        String schedule = describe(campaign);
        if (campaign.getScheduleNotAfter() != null && now.isAfter(campaign.getScheduleNotAfter())) {
            drop(
                    campaign,
                    "not started: its schedule (" + schedule + ") came due only after its latest start had"
                            + " passed (was the server down?)",
                    "SCHEDULE_MISSED");
            return;
        }
        if (campaign.getJobExecutionId() != null) {
            drop(
                    campaign,
                    "not started by its schedule (" + schedule + "): it had been started already",
                    "SCHEDULE_MISSED");
            return;
        }
        campaign.unschedule(null);
        long execution = sender.start(campaignId);
        LOG.info(() ->
                "Campaign " + campaignId + " started by its schedule (" + schedule + ") as job execution " + execution);
    }

    /** Records why a due schedule could not start its campaign, and drops the schedule. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void refused(long campaignId, String reason) {
        Campaign campaign = campaigns.lock(campaignId);
        if (campaign.getScheduledStart() != null) {
            drop(
                    campaign,
                    "not started at its scheduled time (" + describe(campaign) + "): " + reason,
                    "SCHEDULE_REFUSED");
        }
    }

    private void drop(Campaign campaign, String note, String action) {
        String before = state(campaign);
        campaign.unschedule(note);
        audit.record(action, AuditLog.CAMPAIGN, campaign.getId().toString(), before, state(campaign));
        LOG.warning(() -> "Campaign " + campaign.getId() + " " + note);
    }

    /** "2026-12-08 09:00 Asia/Seoul, at the latest 12:00". */
    static String describe(Campaign c) {
        ZoneId zone = ZoneId.of(c.getScheduleZone());
        String start = SHOWN.format(c.getScheduledStart().atZone(zone)) + " " + zone.getId();
        return c.getScheduleNotAfter() == null
                ? start
                : start + ", at the latest "
                        + SHOWN.format(c.getScheduleNotAfter().atZone(zone));
    }

    private static String state(Campaign c) {
        JsonObjectBuilder json = Json.createObjectBuilder();
        if (c.getScheduledStart() != null) {
            json.add("scheduledStart", c.getScheduledStart().toString()).add("scheduleZone", c.getScheduleZone());
            if (c.getScheduleNotAfter() != null) {
                json.add("scheduleNotAfter", c.getScheduleNotAfter().toString());
            }
        }
        if (c.getScheduleNote() != null) {
            json.add("scheduleNote", c.getScheduleNote());
        }
        return json.build().toString();
    }

    private static ZoneId zone(String timeZone) {
        try {
            return SendingWindow.parseZone(timeZone);
        } catch (InvalidValueException e) {
            throw CampaignException.invalid(e);
        }
    }

    private static CampaignException invalid(String message) {
        return new CampaignException(CampaignException.Kind.INVALID, message);
    }
}
