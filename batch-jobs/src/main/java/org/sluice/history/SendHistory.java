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
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.sluice.delivery.control.LedgerReader;
import org.sluice.load.boundary.LoadManager;
import org.sluice.mta.boundary.MtaRegistry;
import org.sluice.mta.entity.Mta;

/**
 * The last hour of each campaign's send rate and of each MTA's readings, for the console's charts. Every
 * {@value #INTERVAL_MILLIS} ms it counts the delivery records added since ({@link LedgerReader}, as the
 * Prometheus counters do) and asks the probes of enabled MTAs, so the MTA charts fill even while nothing is sent.
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

    @Resource(lookup = "java:jboss/datasources/SluiceDS")
    private DataSource database;

    @Resource
    private TimerService timers;

    @EJB
    private MtaRegistry mtas;

    @EJB
    private LoadManager loadManager;

    private final Map<Long, Deque<RatePoint>> rates = new HashMap<>();
    private final LedgerReader newRecords = LedgerReader.fromNow("campaign_id, reply_code");
    private Instant countedAt;

    @PostConstruct
    void start() {
        timers.createSingleActionTimer(0, new TimerConfig("sluice-send-history", false));
    }

    /** Re-armed after each run, so a slow run never overlaps the next. */
    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void sample() {
        try {
            countAccepted();
            List<Mta> probed = mtas.all().stream()
                    .filter(m -> m.isEnabled() && m.hasProbe())
                    .toList();
            if (!probed.isEmpty()) {
                loadManager.assess(probed); // records a reading per MTA in its history
            }
        } catch (RuntimeException | SQLException e) {
            LOG.log(Level.WARNING, "Cannot sample the send history; tried again in " + INTERVAL_MILLIS + " ms", e);
        } finally {
            timers.createSingleActionTimer(INTERVAL_MILLIS, new TimerConfig("sluice-send-history", false));
        }
    }

    /** The campaign's send rate over the last hour, oldest first; empty if it sent nothing in that time. */
    public List<RatePoint> rates(long campaignId) {
        synchronized (rates) {
            Deque<RatePoint> points = rates.get(campaignId);
            return points == null ? List.of() : List.copyOf(points);
        }
    }

    private void countAccepted() throws SQLException {
        try (Connection c = database.getConnection()) {
            Map<Long, Long> accepted = new HashMap<>();
            newRecords.count(c, (row, count) -> {
                if (row.getInt(2) / 100 == 2) {
                    accepted.merge(row.getLong(1), count, Long::sum);
                }
                return null;
            });
            Instant now = Instant.now();
            if (countedAt == null) { // the first run only sets the starting line
                countedAt = now;
                return;
            }
            double seconds = Math.max(0.001, Duration.between(countedAt, now).toMillis() / 1000.0);
            synchronized (rates) {
                // A campaign that sent before keeps getting points (zero while it waits), so its chart shows the gap.
                for (Long campaign : accepted.keySet()) {
                    rates.computeIfAbsent(campaign, id -> new ArrayDeque<>());
                }
                rates.forEach((campaign, points) -> {
                    points.addLast(new RatePoint(now, accepted.getOrDefault(campaign, 0L) / seconds));
                    while (!points.isEmpty() && points.peekFirst().at().isBefore(now.minus(SPAN))) {
                        points.removeFirst();
                    }
                });
                // An hour without a message: the campaign has no chart any more.
                rates.values().removeIf(points -> points.stream().allMatch(p -> p.perSecond() == 0));
            }
            countedAt = now;
        }
    }
}
