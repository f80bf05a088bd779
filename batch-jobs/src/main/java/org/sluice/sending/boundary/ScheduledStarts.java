package org.sluice.sending.boundary;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RunAs;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.sluice.security.Roles;

/**
 * Every 10 s, on every server, starts the campaigns whose scheduled start has come. Starting needs the operator's
 * role, which a timer has no caller to give: it runs as admin, as an admin's CLI start-job would (the audit log shows
 * these starts as the system's, and the SCHEDULE event who scheduled them).
 */
@Singleton
@Startup
@DependsOn("sluice-ejb.jar#SchemaMigration") // reads columns Flyway adds
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@PermitAll
@RunAs(Roles.ADMIN)
public class ScheduledStarts {

    private static final Logger LOG = Logger.getLogger(ScheduledStarts.class.getName());

    @EJB
    private CampaignSchedules schedules;

    @Schedule(second = "*/10", minute = "*", hour = "*", persistent = false, info = "sluice-scheduled-starts")
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void startDue() {
        for (long campaign : schedules.due(Instant.now())) {
            try {
                schedules.startIfDue(campaign);
            } catch (RuntimeException refused) {
                String reason = reason(refused);
                LOG.log(Level.FINE, refused, () -> "Scheduled start of campaign " + campaign + " refused");
                try {
                    schedules.refused(campaign, reason);
                } catch (RuntimeException e) {
                    LOG.log(
                            Level.WARNING,
                            "Cannot record why campaign " + campaign + " did not start; tried again" + " in 10 s",
                            e);
                }
            }
        }
    }

    /** The refusal's own words (a CampaignException's message), not an EJB wrapper's. */
    static String reason(Throwable refused) {
        Throwable t = refused;
        while (t instanceof jakarta.ejb.EJBException && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
