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
import org.sluice.config.InvalidSettingException;
import org.sluice.config.Setting;

/**
 * Fetches bounces every {@code sluice.bounce.fetch-interval-seconds} (default 60; 0 pauses it), read before
 * every tick so a change through the management CLI applies without a redeploy. Each tick arms the next one when its
 * pass has ended, so passes never overlap; a non-persistent timer, so a tick missed while the server was down is
 * simply the next one.
 */
@Singleton
@Startup
public class BounceSchedule {

    public static final Setting INTERVAL = Setting.of("sluice.bounce.fetch-interval-seconds", "60");
    private static final long DEFAULT_SECONDS = Long.parseLong(INTERVAL.defaultValue());
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
            return INTERVAL.longValue(0, "seconds");
        } catch (InvalidSettingException e) {
            // A timer has no caller to tell, and must arm the next tick: the log says why.
            LOG.warning(e.getMessage() + "; using " + DEFAULT_SECONDS + " s");
            return DEFAULT_SECONDS;
        }
    }
}
