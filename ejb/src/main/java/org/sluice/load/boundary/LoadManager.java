package org.sluice.load.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.literal.NamedLiteral;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import org.sluice.load.control.AdmissionPolicy;
import org.sluice.load.control.ConnectionPermits;
import org.sluice.load.control.LoadSettings;
import org.sluice.load.control.MtaAdmission;
import org.sluice.load.control.ProbeAnswer;
import org.sluice.load.control.ReadingHistory;
import org.sluice.mta.entity.Mta;

/**
 * Decides which MTAs may take how much mail now. Asks the probes of a pool's MTAs for their status when the latest
 * reading is older than {@code sluice.load.status-max-age-millis} (so a chunk does not cost a JMS round trip per
 * message), lets the configured {@link AdmissionPolicy} decide, and hands out budgets. Settings: {@link LoadSettings}.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class LoadManager {

    private static final Logger LOG = Logger.getLogger(LoadManager.class.getName());

    @EJB
    private ProbeClient probes;

    @EJB
    private MtaStatusBoard board;

    @Inject
    @Any
    private Instance<AdmissionPolicy> policies;

    /**
     * Reserves up to {@code wanted} messages over the pool's MTAs that have room now and a connection the holder may
     * keep open (within each MTA's maxConnections over all campaigns); the holder then holds a connection permit for
     * every MTA with a share, until it gives it back with {@link #releaseConnection} or {@link #releaseConnections}.
     */
    public Allocation allocate(List<Mta> pool, int wanted, ConnectionPermits.Holder holder) {
        refreshStale(pool);
        return board.allocate(pool, wanted, policy(), Instant.now(), validFor(), holder);
    }

    /**
     * Which of the MTAs the holder still has a share for it sends to next: the one the fewest writers (of every
     * server on the database) send to now; ties go to the first in the holder's order. It counts there until
     * {@link #settle}.
     */
    public long beginShare(ConnectionPermits.Holder holder, List<Long> candidates) {
        return board.beginShare(holder, candidates);
    }

    /**
     * The holder has sent the share {@link #allocate} gave it for the MTA; {@code sent} of it reached the MTA. Until
     * then the whole share counts against the MTA's headroom, even across a new reading.
     */
    public void settle(long mtaId, ConnectionPermits.Holder holder, int sent) {
        board.settle(mtaId, holder, sent, Instant.now());
    }

    /** SMTP transactions this server made since it started (this node's part of the cluster's sending). */
    public long transactionsHere() {
        return board.transactionsHere();
    }

    /** The holder closed its SMTP connection to the MTA: another writer may open one. */
    public void releaseConnection(long mtaId, ConnectionPermits.Holder holder) {
        board.release(mtaId, holder);
    }

    /** The holder closed all its SMTP connections. */
    public void releaseConnections(ConnectionPermits.Holder holder) {
        board.releaseAll(holder);
    }

    /** The pool's admission now, nothing reserved (for status pages and reasons). */
    public List<MtaAdmission> assess(List<Mta> pool) {
        refreshStale(pool);
        return board.assess(pool, policy(), Instant.now(), validFor());
    }

    /** The MTA's probe readings over the last hour (one point per 10 s at most), oldest first. */
    public List<ReadingHistory.Point> history(long mtaId) {
        return board.history(mtaId);
    }

    /** An MTA that refused or dropped SMTP connections leaves the pool until the retry time. */
    public void reportUnreachable(Mta mta, String reason) {
        Instant until = Instant.now().plus(LoadSettings.unreachableRetry());
        LOG.warning(() -> mta + " is unreachable (" + reason + "): out of the pool until " + until);
        board.unreachable(mta.getId(), reason, until);
    }

    private void refreshStale(List<Mta> pool) {
        Instant now = Instant.now();
        Set<String> stale = new LinkedHashSet<>();
        for (Mta mta : pool) {
            if (mta.isEnabled() && mta.hasProbe() && board.due(mta.getId(), now, maxAge(), retryFailed())) {
                stale.add(mta.getProbeId());
            }
        }
        if (stale.isEmpty()) {
            return;
        }
        Instant asked = Instant.now();
        Map<String, ProbeAnswer> answers = probes.ask(stale, timeout());
        Instant at = Instant.now();
        for (Mta mta : pool) {
            ProbeAnswer answer = mta.hasProbe() ? answers.get(mta.getProbeId()) : null;
            if (answer != null) {
                if (!answer.ok()) {
                    LOG.fine(() -> mta + ": " + answer.error());
                }
                board.record(mta.getId(), answer, at, asked);
            }
        }
    }

    private AdmissionPolicy policy() {
        String name = LoadSettings.policy();
        Instance<AdmissionPolicy> chosen = policies.select(NamedLiteral.of(name));
        if (!chosen.isResolvable()) {
            throw new IllegalStateException("no AdmissionPolicy named '" + name + "' (" + LoadSettings.POLICY.name()
                    + ") is deployed; the default is '" + LoadSettings.POLICY.defaultValue() + "'");
        }
        return chosen.get();
    }

    private static Duration maxAge() {
        return LoadSettings.statusMaxAge();
    }

    private static Duration timeout() {
        return LoadSettings.probeTimeout();
    }

    private static Duration retryFailed() {
        return LoadSettings.unknownRetry();
    }

    /** A reading older than this is not trusted at all (the probe stopped answering). */
    private static Duration validFor() {
        return maxAge().plus(timeout()).plus(timeout());
    }
}
