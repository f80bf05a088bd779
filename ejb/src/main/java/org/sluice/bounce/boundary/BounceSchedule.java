package org.sluice.bounce.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.logging.Logger;

/**
 * Fetches bounces every {@code sluice.bounce.fetch.interval.seconds} (default 60; 0 or less pauses it), read before
 * every tick so a change through the management CLI applies without a redeploy. Each tick arms the next one when its
 * pass has ended, so passes never overlap; a non-persistent timer, so a tick missed while the server was down is
 * simply the next one.
 */
@Singleton
@Startup
public class BounceSchedule {

    public static final String INTERVAL_PROPERTY = "sluice.bounce.fetch.interval.seconds";
    private static final long DEFAULT_SECONDS = 60;
    private static final Logger LOG = Logger.getLogger(BounceSchedule.class.getName());

    @Resource
    private TimerService timers;

    @EJB
    private BounceFetcher fetcher;

    @PostConstruct
    void start() {
        armNext(interval());
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void tick() {
        long interval = interval();
        try {
            if (interval > 0) {
                fetcher.fetchIfIdle();
            }
        } catch (RuntimeException e) {
            // A scheduled pass has no caller to tell: the log says why, and the next tick tries again.
            LOG.warning("Scheduled bounce fetch failed, next try in " + interval + " s: " + e.getMessage());
        } finally {
            armNext(interval);
        }
    }

    /** While paused, look again at the default interval whether it was switched back on. */
    private void armNext(long seconds) {
        timers.createSingleActionTimer(
                (seconds > 0 ? seconds : DEFAULT_SECONDS) * 1000, new TimerConfig("bounce-fetch", false));
    }

    private static long interval() {
        try {
            return Long.parseLong(System.getProperty(INTERVAL_PROPERTY, Long.toString(DEFAULT_SECONDS))
                    .strip());
        } catch (NumberFormatException e) {
            LOG.warning(INTERVAL_PROPERTY + " is not a number; using " + DEFAULT_SECONDS + " s");
            return DEFAULT_SECONDS;
        }
    }
}
