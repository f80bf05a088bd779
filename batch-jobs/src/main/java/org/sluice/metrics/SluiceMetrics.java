package org.sluice.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import javax.sql.DataSource;
import org.sluice.bounce.boundary.BounceFetcher;
import org.sluice.campaign.boundary.Campaigns;
import org.sluice.campaign.entity.Campaign;
import org.sluice.campaign.entity.CampaignStatus;
import org.sluice.delivery.control.LedgerReader;
import org.sluice.load.boundary.LoadManager;
import org.sluice.load.control.MtaAdmission;
import org.sluice.mta.boundary.MtaRegistry;
import org.sluice.mta.entity.Mta;
import org.sluice.slice.boundary.SendSlices;

/**
 * Sluice's figures in WildFly's Micrometer registry, which the micrometer subsystem serves to Prometheus on the
 * management interface (server/wildfly/configure-sluice.cli):
 * <ul>
 * <li>{@code sluice_messages_total{mta, outcome=sent|deferred|failed|unknown}}: SMTP outcomes per MTA, counted from
 * the delivery records (the send path is not touched: the ledger already writes one row per attempt);</li>
 * <li>{@code sluice_admission_waits_total}, {@code sluice_campaigns_waiting_for_mta},
 * {@code sluice_admission_wait_seconds}: campaigns that found no MTA with room, seen every few seconds;</li>
 * <li>{@code sluice_campaigns_waiting_for_window}: campaigns outside their sending window, waiting for it;</li>
 * <li>{@code sluice_node_smtp_transactions_total{node}}: SMTP transactions this node made, to every MTA (the
 * node's part of a campaign the cluster sends; its rate is the node's send rate);</li>
 * <li>{@code sluice_bounce_passes_total}: passes over the bounce mailbox this node made (in a cluster, one node
 * makes them at a time);</li>
 * <li>{@code sluice_mta_admitted}, {@code sluice_mta_budget}, {@code sluice_mta_queue_depth},
 * {@code sluice_probe_round_trip_milliseconds{quantile}} per MTA: its admission when scraped, as GET /mtas/status.</li>
 * </ul>
 */
@Singleton
@Startup
public class SluiceMetrics {

    static final long REFRESH_MILLIS = 5000;
    /** A console and a scrape in the same second share one assessment. */
    private static final Duration FRESH = Duration.ofSeconds(1);

    @Inject
    private MeterRegistry registry;

    @Resource(lookup = "java:jboss/datasources/SluiceDS")
    private DataSource database;

    @EJB
    private MtaRegistry mtas;

    @EJB
    private LoadManager loadManager;

    @EJB
    private Campaigns campaigns;

    @EJB
    private BounceFetcher bounceFetcher;

    @Resource
    private TimerService timers;

    private final List<Meter> meters = new ArrayList<>();
    private final Map<String, Counter> outcomes = new HashMap<>();
    private final Map<String, Boolean> gaugedMtas = new HashMap<>();
    private final Map<Long, Instant> waitsSeen = new HashMap<>();
    private final LedgerReader newRecords = LedgerReader.fromTheStart("mta_id, reply_code");
    private Counter admissionWaits;
    private Counter bouncePasses;
    private long bouncePassesSeen;
    private Counter nodeTransactions;
    private long nodeTransactionsSeen;
    private volatile int waitingNow;
    private volatile int waitingForWindowNow;
    private volatile double longestWaitSeconds;

    private final Object assessment = new Object();
    private Map<String, MtaAdmission> admissions = Map.of();
    private Instant assessedAt = Instant.MIN;
    private ClassLoader deployment;

    @PostConstruct
    void start() {
        deployment = Thread.currentThread().getContextClassLoader();
        // Only the registry's own methods (counter, gauge) reach WildFly's Prometheus registry: the injected
        // registry is a per-deployment wrapper, and Counter.builder(..).register(it) would stay inside the wrapper.
        admissionWaits = keep(registry.counter("sluice.admission.waits", Tags.empty()));
        bouncePasses = keep(registry.counter("sluice.bounce.passes", Tags.empty()));
        nodeTransactions =
                keep(registry.counter("sluice.node.smtp.transactions", Tags.of("node", SendSlices.nodeName())));
        gauge("sluice.campaigns.waiting.for.mta", Tags.empty(), m -> m.waitingNow);
        gauge("sluice.campaigns.waiting.for.window", Tags.empty(), m -> m.waitingForWindowNow);
        gauge("sluice.admission.wait.seconds", Tags.empty(), m -> m.longestWaitSeconds);
        timers.createIntervalTimer(0, REFRESH_MILLIS, new TimerConfig("sluice-metrics-refresh", false));
    }

    @PreDestroy
    void stop() {
        meters.forEach(registry::remove);
    }

    @Timeout
    void refresh() throws SQLException {
        Map<Long, String> names = new HashMap<>();
        for (Mta mta : mtas.all()) {
            names.put(mta.getId(), mta.getName());
            gaugeMta(mta.getName());
        }
        countDeliveryRecords(names);
        watchWaits(campaigns.all(), Instant.now());
        long passes = bounceFetcher.passesStarted();
        bouncePasses.increment(passes - bouncePassesSeen);
        bouncePassesSeen = passes;
        long transactions = loadManager.transactionsHere();
        nodeTransactions.increment(transactions - nodeTransactionsSeen);
        nodeTransactionsSeen = transactions;
    }

    private void countDeliveryRecords(Map<Long, String> mtaNames) throws SQLException {
        try (Connection c = database.getConnection()) {
            newRecords.count(c, (row, count) -> {
                long mtaId = row.getLong(1);
                String mta = row.wasNull() ? "none" : mtaNames.getOrDefault(mtaId, "id " + mtaId);
                outcome(mta, SmtpOutcome.of(row.getInt(2))).increment(count);
                return null;
            });
        }
    }

    private Counter outcome(String mta, SmtpOutcome outcome) {
        return outcomes.computeIfAbsent(
                mta + "\n" + outcome,
                key -> keep(registry.counter("sluice.messages", Tags.of("mta", mta, "outcome", outcome.label()))));
    }

    private void watchWaits(List<Campaign> all, Instant now) {
        int waiting = 0;
        double longest = 0;
        for (Campaign c : all) {
            if (c.getStatus() == CampaignStatus.WAITING_FOR_MTA && c.getWaitingSince() != null) {
                waiting++;
                longest = Math.max(
                        longest, Duration.between(c.getWaitingSince(), now).toMillis() / 1000.0);
                if (!c.getWaitingSince().equals(waitsSeen.put(c.getId(), c.getWaitingSince()))) {
                    admissionWaits.increment();
                }
            }
        }
        waitingNow = waiting;
        waitingForWindowNow = (int) all.stream()
                .filter(c -> c.getStatus() == CampaignStatus.WAITING_FOR_WINDOW)
                .count();
        longestWaitSeconds = longest;
    }

    private void gaugeMta(String mta) {
        if (gaugedMtas.putIfAbsent(mta, true) != null) {
            return;
        }
        Tags tags = Tags.of("mta", mta);
        // 1 while the MTA takes mail (admitted or unprobed); its budget (NaN when unprobed: no limit); its queue
        gauge("sluice.mta.admitted", tags, m -> m.figure(mta, a -> a.state().takesMail() ? 1.0 : 0.0));
        gauge(
                "sluice.mta.budget",
                tags,
                m -> m.figure(mta, a -> a.budget() == Integer.MAX_VALUE ? Double.NaN : a.budget()));
        gauge(
                "sluice.mta.queue.depth",
                tags,
                m -> m.figure(
                        mta,
                        a -> a.status() == null || a.status().queue() == null
                                ? Double.NaN
                                : (double) a.status().queue().total()));
        for (var quantile : Map.<String, ToDoubleFunction<MtaAdmission>>of(
                        "0.5", a -> a.probeRoundTrip().p50Millis(),
                        "0.99", a -> a.probeRoundTrip().p99Millis(),
                        "1.0", a -> a.probeRoundTrip().maxMillis())
                .entrySet()) {
            gauge(
                    "sluice.probe.round.trip.milliseconds",
                    tags.and("quantile", quantile.getKey()),
                    m -> m.figure(
                            mta,
                            a -> a.probeRoundTrip().samples() == 0
                                    ? Double.NaN
                                    : quantile.getValue().applyAsDouble(a)));
        }
    }

    /** The gauge holds this bean weakly, as Micrometer gauges do; the container keeps it alive while deployed. */
    private void gauge(String name, Tags tags, ToDoubleFunction<SluiceMetrics> value) {
        registry.gauge(name, tags, this, value);
        keep(registry.find(name).tags(tags).gauge());
    }

    /** Called on the scrape's thread, outside the container's lock. */
    private double figure(String mta, Function<MtaAdmission, Double> value) {
        MtaAdmission admission = admissions().get(mta);
        return admission == null ? Double.NaN : value.apply(admission);
    }

    private Map<String, MtaAdmission> admissions() {
        synchronized (assessment) {
            Instant now = Instant.now();
            if (assessedAt.plus(FRESH).isBefore(now)) {
                Thread thread = Thread.currentThread();
                ClassLoader previous = thread.getContextClassLoader();
                thread.setContextClassLoader(deployment);
                try {
                    Map<String, MtaAdmission> byName = new HashMap<>();
                    loadManager.assess(mtas.all()).forEach(a -> byName.put(a.mtaName(), a));
                    admissions = byName;
                } finally {
                    thread.setContextClassLoader(previous);
                }
                assessedAt = now;
            }
            return admissions;
        }
    }

    private <M extends Meter> M keep(M meter) {
        if (meter != null) {
            meters.add(meter);
        }
        return meter;
    }
}
