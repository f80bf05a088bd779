package org.sluice.history;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.sluice.campaign.boundary.Campaigns;
import org.sluice.load.boundary.LoadManager;
import org.sluice.mta.boundary.MtaRegistry;
import org.sluice.mta.entity.Mta;

/**
 * The last hour of each campaign's send rate and of each MTA's readings, for the console's charts. Every
 * {@value #INTERVAL_MILLIS} ms it reads the sent count of every running campaign (the counters kept with the
 * outcomes, so the point of a running campaign is there within one interval, on every server of a cluster) and asks
 * the probes of enabled MTAs, so the MTA charts fill even while nothing is sent.
 */
@Singleton
@Startup
@DependsOn("sluice-ejb.jar#SchemaMigration") // counts in tables Flyway creates
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@PermitAll
public class SendHistory {

    private static final Logger LOG = Logger.getLogger(SendHistory.class.getName());
    static final long INTERVAL_MILLIS = 5_000;
    private static final Duration SPAN = Duration.ofHours(1);

    @Resource
    private TimerService timers;

    @EJB
    private MtaRegistry mtas;

    @EJB
    private Campaigns campaigns;

    @EJB
    private LoadManager loadManager;

    private final Map<Long, Deque<RatePoint>> rates = new HashMap<>();
    /** Campaigns whose run began here since the previous sample: watched even if the run ends before it. */
    private final Set<Long> begun = ConcurrentHashMap.newKeySet();

    /** Each watched campaign's sent count at the previous sample. */
    private final Map<Long, Long> sentBefore = new HashMap<>();

    private Instant sampledAt;

    @PostConstruct
    void start() {
        timers.createSingleActionTimer(0, new TimerConfig("sluice-send-history", false));
    }

    /** Re-armed after each run, so a slow run never overlaps the next. */
    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void sample() {
        try {
            countSent();
            List<Mta> probed = mtas.all().stream()
                    .filter(m -> m.isEnabled() && m.hasProbe())
                    .toList();
            if (!probed.isEmpty()) {
                loadManager.assess(probed); // records a reading per MTA in its history
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot sample the send history; tried again in " + INTERVAL_MILLIS + " ms", e);
        } finally {
            timers.createSingleActionTimer(INTERVAL_MILLIS, new TimerConfig("sluice-send-history", false));
        }
    }

    /**
     * A run of the campaign begins on this server: its rate is counted at the next sample even if the run is over by
     * then (a few dozen messages take less than a sample's interval).
     */
    public void runBegins(long campaignId) {
        begun.add(campaignId);
    }

    /** The campaign's send rate over the last hour, oldest first; empty if it sent nothing in that time. */
    public List<RatePoint> rates(long campaignId) {
        synchronized (rates) {
            Deque<RatePoint> points = rates.get(campaignId);
            return points == null ? List.of() : List.copyOf(points);
        }
    }

    /**
     * Each watched campaign's sent count (kept with the outcomes, one row per campaign, on every server of a cluster)
     * against the previous sample: the rate of the interval just ended, while the campaign runs.
     */
    private void countSent() {
        Instant now = Instant.now();
        Set<Long> running = new HashSet<>();
        campaigns.running().forEach(r -> running.add(r.id()));
        Set<Long> watched = new HashSet<>(running);
        for (Iterator<Long> it = begun.iterator(); it.hasNext(); ) {
            watched.add(it.next());
            it.remove();
        }
        synchronized (rates) {
            watched.addAll(rates.keySet());
        }
        Map<Long, Long> sentNow = new HashMap<>();
        for (long campaign : watched) {
            try {
                sentNow.put(campaign, campaigns.counts(campaign).sent());
            } catch (RuntimeException deleted) {
                // deleted since it was listed: its chart goes with it
            }
        }
        if (sampledAt == null) { // the first run only sets the starting line
            sampledAt = now;
            sentBefore.putAll(sentNow);
            return;
        }
        double seconds = Math.max(0.001, Duration.between(sampledAt, now).toMillis() / 1000.0);
        synchronized (rates) {
            rates.keySet().retainAll(sentNow.keySet());
            sentNow.forEach((campaign, sent) -> {
                // Not running at the previous sample: it started since, with what earlier runs had sent.
                Long before = sentBefore.containsKey(campaign)
                        ? sentBefore.get(campaign)
                        : campaigns.get(campaign).getSentBeforeRun();
                Deque<RatePoint> points = rates.computeIfAbsent(campaign, id -> new ArrayDeque<>());
                points.addLast(new RatePoint(now, Math.max(0, sent - before) / seconds));
                while (!points.isEmpty() && points.peekFirst().at().isBefore(now.minus(SPAN))) {
                    points.removeFirst();
                }
            });
            // An hour without a message and not running: the campaign has no chart any more.
            rates.entrySet()
                    .removeIf(e -> !running.contains(e.getKey())
                            && e.getValue().stream().allMatch(p -> p.perSecond() == 0));
        }
        sentBefore.clear();
        sentBefore.putAll(sentNow);
        sampledAt = now;
    }
}
