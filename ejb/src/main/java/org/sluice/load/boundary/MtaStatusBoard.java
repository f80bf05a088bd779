package org.sluice.load.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.sluice.load.control.Admission;
import org.sluice.load.control.AdmissionPolicy;
import org.sluice.load.control.AdvisorySlotLocks;
import org.sluice.load.control.BudgetSplit;
import org.sluice.load.control.ClusterShare;
import org.sluice.load.control.ConnectionPermits;
import org.sluice.load.control.Latency;
import org.sluice.load.control.MtaAdmission;
import org.sluice.load.control.MtaState;
import org.sluice.load.control.ProbeAnswer;
import org.sluice.load.control.ReadingHistory;
import org.sluice.load.control.Reservations;
import org.sluice.load.control.SendersNow;
import org.sluice.mta.entity.Mta;
import org.sluice.schema.SupportedDatabase;

/**
 * The latest reading of every MTA and what has been handed out against it. Budgets are reserved here, under one
 * lock, so the partitions of a campaign (and several campaigns) never give the same headroom out twice; a new
 * reading drops only the shares sent in full before its probe began counting the queue (the probe counts in the
 * background, so a count can be older than the reply; see {@link Reservations}). The SMTP
 * connections open to each MTA are counted here too, under the same lock: an allocation gives a writer a share of an
 * MTA only with a connection permit, so all campaigns together stay within the MTA's maxConnections; on PostgreSQL
 * the permits are shared with every server on the same database ({@link AdvisorySlotLocks}).
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class MtaStatusBoard {

    private static final class Entry {
        ProbeAnswer answer;
        Instant answeredAt;
        /** Hysteresis state; a first reading is judged by the stop thresholds, like an MTA in use. */
        boolean admitted = true;

        final Reservations reserved = new Reservations();
        final ReadingHistory history = new ReadingHistory();
        Instant unreachableUntil;
        String unreachableReason;
        final Latency.Window roundTrips = new Latency.Window(1000);
    }

    private final Map<Long, Entry> entries = new HashMap<>();

    @Resource(lookup = "java:jboss/datasources/SluiceLedgerDS")
    private DataSource ledger;

    /** SMTP transactions this server's writers made (in a cluster, this node's part). */
    private long transactionsHere;

    private AdvisorySlotLocks sharedSlots;
    private ConnectionPermits permits;
    private AdvisorySlotLocks sharedSenders;
    private SendersNow senders;

    /**
     * On PostgreSQL the connection slots are locks in the database, so every Sluice server sharing it (a cluster's
     * nodes) counts the same connections; H2 is embedded in one server, which counts its own.
     */
    @PostConstruct
    void chooseSlots() {
        if (SupportedDatabase.of(ledger) == SupportedDatabase.POSTGRESQL) {
            sharedSlots = new AdvisorySlotLocks(ledger);
            permits = new ConnectionPermits(sharedSlots);
            sharedSenders = new AdvisorySlotLocks(ledger, AdvisorySlotLocks.SENDERS, "sender slot", "MTA");
            senders = new SendersNow(sharedSenders);
        } else {
            permits = new ConnectionPermits();
            senders = new SendersNow();
        }
    }

    @PreDestroy
    synchronized void giveSlotsBack() {
        if (sharedSlots != null) {
            sharedSlots.close();
        }
        if (sharedSenders != null) {
            sharedSenders.close();
        }
    }

    /**
     * Whether the MTA's probe is due to be asked: its reading is older than {@code maxAge}, or, after a probe failed
     * to answer, older than {@code retryFailed} (a dead probe is not waited for at every chunk).
     */
    public synchronized boolean due(long mtaId, Instant now, Duration maxAge, Duration retryFailed) {
        Entry e = entries.get(mtaId);
        if (e == null || e.answer == null || e.answeredAt == null) {
            return true;
        }
        return !e.answeredAt.plus(e.answer.ok() ? maxAge : retryFailed).isAfter(now);
    }

    /**
     * @param asked when the probe was asked: with the count's age as the probe tells it (on its own clock, so clock
     *              skew does not matter) it gives the earliest instant the queue count can have begun at on ours
     */
    public synchronized void record(long mtaId, ProbeAnswer answer, Instant at, Instant asked) {
        Entry e = entries.computeIfAbsent(mtaId, id -> new Entry());
        e.answer = answer;
        e.answeredAt = at;
        if (answer.ok()) {
            e.reserved.countedFrom(asked.minus(answer.queueAge()));
            e.history.add(answer.status(), at);
        }
        if (answer.ok() && answer.roundTrip() != null) {
            e.roundTrips.add(answer.roundTrip());
        }
    }

    public synchronized void unreachable(long mtaId, String reason, Instant until) {
        Entry e = entries.computeIfAbsent(mtaId, id -> new Entry());
        e.unreachableUntil = until;
        e.unreachableReason = reason;
    }

    /**
     * Decides for every MTA of the pool and reserves up to {@code wanted} messages over those that take mail and
     * where the holder has, or can take, a connection permit: the least busy MTA first (the fewest writers of all
     * servers send to it now; ties in the pool's order), as much as its budget allows, then the next. It takes the
     * permits of the MTAs it gives a share, and the holder counts as sending to the first of them until its share
     * begins ({@link #beginShare}).
     */
    public synchronized Allocation allocate(
            List<Mta> pool,
            int wanted,
            AdmissionPolicy policy,
            Instant now,
            Duration validFor,
            ConnectionPermits.Holder holder) {
        Map<Long, MtaAdmission> admissions = new LinkedHashMap<>();
        Map<Long, Integer> limits = new HashMap<>();
        Map<Long, Integer> budgets = new LinkedHashMap<>();
        Set<Long> surrender = new LinkedHashSet<>();
        for (Mta mta : pool) {
            MtaAdmission a = assess(mta, policy, now, validFor);
            long mtaId = mta.getId();
            int limit = mta.getMaxConnections();
            limits.put(mtaId, limit);
            if (permits.overLimit(mtaId, holder, limit)) {
                surrender.add(mtaId);
            }
            admissions.put(mtaId, a);
            if (a.state().takesMail() && a.budget() > 0 && !surrender.contains(mtaId)) {
                budgets.put(mtaId, a.budget());
            }
        }
        Map<Long, Integer> inOrder = new LinkedHashMap<>();
        senders.leastBusyFirst(List.copyOf(budgets.keySet())).forEach(mtaId -> inOrder.put(mtaId, budgets.get(mtaId)));
        Map<Long, Integer> shares = BudgetSplit.fill(wanted, inOrder, mtaId -> {
            int limit = limits.get(mtaId);
            // With slots shared by several servers, only trying tells whether one is free.
            if (permits.holdsWithin(mtaId, holder, limit) || permits.tryAcquire(mtaId, holder, limit)) {
                return true;
            }
            admissions.compute(mtaId, (id, a) -> a.atConnectionLimit(permits.refusal(mtaId, holder, limit)));
            return false;
        });
        shares.forEach((mtaId, share) -> entries.get(mtaId).reserved.reserve(holder, share, now));
        if (!shares.isEmpty()) {
            // The holder counts at its first MTA from now on, under this lock: writers that allocate at the same
            // moment (a campaign's start) do not all find the same MTA the least busy.
            senders.begin(holder, List.copyOf(shares.keySet()));
        }
        return new Allocation(shares, List.copyOf(admissions.values()), surrender);
    }

    /** The MTA's readings over the last hour, oldest first. */
    public synchronized List<ReadingHistory.Point> history(long mtaId) {
        Entry e = entries.get(mtaId);
        return e == null ? List.of() : e.history.points();
    }

    /**
     * The MTA, among those the holder still has a share for (in its order of preference), that the fewest writers
     * of all servers send to now; the holder counts there until it settles ({@link SendersNow}).
     */
    public synchronized long beginShare(ConnectionPermits.Holder holder, List<Long> candidates) {
        return senders.begin(holder, candidates);
    }

    /** The holder has sent its share to the MTA: {@code sent} messages of it reached the MTA. */
    public synchronized void settle(long mtaId, ConnectionPermits.Holder holder, int sent, Instant at) {
        senders.end(holder);
        transactionsHere += sent;
        Entry e = entries.get(mtaId);
        if (e != null) {
            e.reserved.settle(holder, sent, at);
        }
    }

    /** SMTP transactions this server made since it started, to every MTA. */
    public synchronized long transactionsHere() {
        return transactionsHere;
    }

    /** The holder closed its connection to the MTA. */
    public synchronized void release(long mtaId, ConnectionPermits.Holder holder) {
        permits.release(mtaId, holder);
    }

    /** The holder closed all its connections (its writer closes, or waits). */
    public synchronized void releaseAll(ConnectionPermits.Holder holder) {
        senders.end(holder);
        permits.releaseAll(holder);
    }

    /** Decides for every MTA of the pool without reserving anything (for dashboards and waiting reasons). */
    public synchronized List<MtaAdmission> assess(
            List<Mta> pool, AdmissionPolicy policy, Instant now, Duration validFor) {
        List<MtaAdmission> admissions = new ArrayList<>();
        for (Mta mta : pool) {
            admissions.add(assess(mta, policy, now, validFor));
        }
        return admissions;
    }

    private MtaAdmission assess(Mta mta, AdmissionPolicy policy, Instant now, Duration validFor) {
        Entry e = entries.computeIfAbsent(mta.getId(), id -> new Entry());
        int here = permits.heldHere(mta.getId());
        int elsewhere = permits.heldElsewhere(mta.getId());
        int open = here + elsewhere;
        int max = mta.getMaxConnections();
        if (!mta.isEnabled()) {
            return new MtaAdmission(
                    mta.getId(),
                    mta.getName(),
                    MtaState.DISABLED,
                    0,
                    "disabled by an admin",
                    status(e),
                    e.answeredAt,
                    e.roundTrips.latency(),
                    open,
                    max);
        }
        if (e.unreachableUntil != null && now.isBefore(e.unreachableUntil)) {
            return new MtaAdmission(
                    mta.getId(),
                    mta.getName(),
                    MtaState.UNREACHABLE,
                    0,
                    e.unreachableReason + "; retried after " + e.unreachableUntil,
                    status(e),
                    e.answeredAt,
                    e.roundTrips.latency(),
                    open,
                    max);
        }
        if (!mta.hasProbe()) {
            // No figures to go by: the admin chose no load control for this MTA, so it takes what it is given.
            e.answer = null;
            return new MtaAdmission(
                    mta.getId(),
                    mta.getName(),
                    MtaState.UNPROBED,
                    Integer.MAX_VALUE,
                    "no probe configured: no load control",
                    null,
                    null,
                    e.roundTrips.latency(),
                    open,
                    max);
        }
        if (e.answer == null) {
            return new MtaAdmission(
                    mta.getId(),
                    mta.getName(),
                    MtaState.UNKNOWN,
                    0,
                    "probe '" + mta.getProbeId() + "' has not answered yet",
                    null,
                    null,
                    e.roundTrips.latency(),
                    open,
                    max);
        }
        if (!e.answer.ok()) {
            e.admitted = false;
            return new MtaAdmission(
                    mta.getId(),
                    mta.getName(),
                    MtaState.UNKNOWN,
                    0,
                    "probe '" + mta.getProbeId() + "': " + e.answer.error(),
                    null,
                    e.answeredAt,
                    e.roundTrips.latency(),
                    open,
                    max);
        }
        if (e.answeredAt.plus(validFor).isBefore(now)) {
            e.admitted = false;
            return new MtaAdmission(
                    mta.getId(),
                    mta.getName(),
                    MtaState.UNKNOWN,
                    0,
                    "probe '" + mta.getProbeId() + "': latest reading is "
                            + Duration.between(e.answeredAt, now).toSeconds() + " s old",
                    e.answer.status(),
                    e.answeredAt,
                    e.roundTrips.latency(),
                    open,
                    max);
        }
        Admission decision = policy.decide(mta.limits(), e.answer.status(), e.admitted);
        e.admitted = decision.admitted();
        if (!decision.admitted()) {
            return new MtaAdmission(
                    mta.getId(),
                    mta.getName(),
                    MtaState.FULL,
                    0,
                    decision.reason(),
                    e.answer.status(),
                    e.answeredAt,
                    e.roundTrips.latency(),
                    open,
                    max);
        }
        int reserved = e.reserved.outstanding();
        int share = ClusterShare.of(decision.budget(), here, elsewhere);
        int left = Math.max(0, share - reserved);
        return new MtaAdmission(
                mta.getId(),
                mta.getName(),
                MtaState.ADMITTED,
                left,
                decision.reason()
                        + (share < decision.budget()
                                ? ", " + share + " of it this server's (" + Math.max(1, here) + " of "
                                        + (Math.max(1, here) + elsewhere) + " connections)"
                                : "")
                        + (reserved == 0
                                ? ""
                                : left == 0
                                        ? ", its headroom is handed out until the next reading"
                                        : ", " + reserved + " reserved since"),
                e.answer.status(),
                e.answeredAt,
                e.roundTrips.latency(),
                open,
                max);
    }

    private static org.sluice.probe.protocol.ProbeStatus status(Entry e) {
        return e.answer == null ? null : e.answer.status();
    }
}
