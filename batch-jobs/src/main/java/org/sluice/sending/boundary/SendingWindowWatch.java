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
 * Every 10 s, on every server: stops the runs whose sending window has closed and restarts the campaigns whose window
 * has opened ({@link SendingWindows}). Restarting needs the operator's role, which a timer has no caller to give: it
 * runs as admin, as {@link ScheduledStarts} does.
 */
@Singleton
@Startup
@DependsOn("sluice-ejb.jar#SchemaMigration") // reads columns Flyway adds
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@PermitAll
@RunAs(Roles.ADMIN)
public class SendingWindowWatch {

    private static final Logger LOG = Logger.getLogger(SendingWindowWatch.class.getName());

    @EJB
    private SendingWindows windows;

    @Schedule(second = "5/10", minute = "*", hour = "*", persistent = false, info = "sluice-sending-windows")
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void watch() {
        Instant now = Instant.now();
        for (long campaign : windows.runningWithWindow()) {
            if (windows.closed(campaign, now)) {
                attempt(campaign, () -> windows.pauseIfClosed(campaign), "stop");
            }
        }
        for (long campaign : windows.waiting()) {
            if (!windows.closed(campaign, now)) {
                attempt(campaign, () -> windows.resumeIfOpen(campaign), "resume");
            }
        }
    }

    private static void attempt(long campaign, Runnable action, String what) {
        try {
            action.run();
        } catch (RuntimeException e) {
            // A timer has no caller to tell: the log says why, and the next round tries again.
            LOG.log(
                    Level.WARNING,
                    "Cannot " + what + " campaign " + campaign + " for its sending window (tried again in 10 s): "
                            + ScheduledStarts.reason(e),
                    e);
        }
    }
}
