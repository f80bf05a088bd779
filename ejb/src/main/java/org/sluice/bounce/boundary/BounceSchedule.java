package org.sluice.bounce.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;
import org.sluice.config.InvalidSettingException;
import org.sluice.config.Setting;

/**
 * Fetches bounces every {@code sluice.bounce.fetch-interval-seconds} (default 60; 0 pauses it), read at every tick so
 * a change through the management CLI applies without a redeploy.
 *
 * <p>The tick is a persistent calendar timer, every {@value #TICK_SECONDS} s. In a cluster (standalone-full-ha),
 * WildFly keeps persistent timers in a distributed Infinispan cache: the timer exists once for the whole cluster and
 * runs on one node, and it moves to another when that node leaves, so the mailbox is read by one node at a time
 * without any election of Sluice's own. On a single server it is kept in the server's data dir. A tick that comes
 * while a pass still runs is skipped by the container, and a pass starts only when the interval has passed since the
 * last one this node started (a node that has just taken the timer over reads the mailbox at once).
 */
@Singleton
public class BounceSchedule {

    public static final Setting INTERVAL = Setting.of("sluice.bounce.fetch-interval-seconds", "60");
    static final int TICK_SECONDS = 5;
    private static final long DEFAULT_SECONDS = Long.parseLong(INTERVAL.defaultValue());
    private static final Logger LOG = Logger.getLogger(BounceSchedule.class.getName());

    @EJB
    private BounceFetcher fetcher;

    private Instant lastPass;

    @Schedule(hour = "*", minute = "*", second = "*/" + TICK_SECONDS, persistent = true, info = "bounce-fetch")
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void tick() {
        long interval = interval();
        Instant now = Instant.now();
        if (interval == 0 || (lastPass != null && now.isBefore(lastPass.plus(Duration.ofSeconds(interval))))) {
            return;
        }
        lastPass = now;
        try {
            fetcher.fetchIfIdle();
        } catch (RuntimeException e) {
            // A scheduled pass has no caller to tell: the log says why, and the next pass tries again.
            LOG.warning("Scheduled bounce fetch failed, next try in " + interval + " s: " + e.getMessage());
        }
    }

    private static long interval() {
        try {
            return INTERVAL.longValue(0, "seconds");
        } catch (InvalidSettingException e) {
            // A timer has no caller to tell: the log says why.
            LOG.warning(e.getMessage() + "; using " + DEFAULT_SECONDS + " s");
            return DEFAULT_SECONDS;
        }
    }
}
