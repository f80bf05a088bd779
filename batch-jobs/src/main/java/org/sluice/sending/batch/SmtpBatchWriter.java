package org.sluice.sending.batch;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.sluice.campaign.boundary.Campaigns;
import org.sluice.campaign.boundary.Incidents;
import org.sluice.campaign.entity.Campaign;
import org.sluice.campaign.entity.Incident;
import org.sluice.delivery.boundary.LedgerDatabase;
import org.sluice.delivery.control.DeliveryOutcome;
import org.sluice.delivery.control.LedgerWriter;
import org.sluice.delivery.control.OutcomeJournalFile;
import org.sluice.delivery.control.SmtpConnection;
import org.sluice.load.boundary.Allocation;
import org.sluice.load.boundary.LoadManager;
import org.sluice.load.control.ConnectionPermits;
import org.sluice.load.control.LoadSettings;
import org.sluice.load.control.MtaAdmission;
import org.sluice.load.control.MtaOverloadedException;
import org.sluice.load.control.RoomWait;
import org.sluice.message.control.PersonalMessage;
import org.sluice.mta.entity.Mta;

/**
 * Sends a chunk through the MTAs the LoadManager admits now, spread by their budgets, and records each
 * recipient's outcome the moment the MTA answers (see {@link LedgerWriter}). When no MTA has room, it waits
 * (the campaign shows WAITING_FOR_MTA with the reason) and asks again with backoff; past the campaign's deadline it
 * records an incident and fails the step with exit status MTA_OVERLOADED. Recipients of the chunk not yet sent
 * stay PENDING, so a restart resumes exactly there.
 * <p>
 * Stop (REST, console, JMX, or the CLI's stop-job, which all end in JobOperator.stop) marks the job execution
 * STOPPING; the writer looks at that before every message and in every wait, so no SMTP transaction starts more
 * than {@link #STOP_CHECK_NANOS} after it (plus the one in progress). The rest of the chunk gets no outcome and
 * stays PENDING; the reader's checkpoint stays before it (see {@link PartitionSignals}). An MTA that refuses or drops connections leaves the pool for a
 * while and the rest of the chunk goes to the others.
 * <p>
 * Every SMTP connection the writer keeps open holds one of its MTA's connection permits (server-wide, so campaigns
 * running at once stay within the MTA's maxConnections together); the permit goes back when the connection closes:
 * on a lost connection, before every wait and in {@link #close()}.
 */
@Named
@Dependent
public class SmtpBatchWriter extends AbstractItemWriter {

    private static final Logger LOG = Logger.getLogger(SmtpBatchWriter.class.getName());

    @Inject
    @BatchProperty
    private long campaignId;

    /** Overrides the campaign's wait deadline for this run (job parameter waitDeadlineSeconds). */
    @Inject
    @BatchProperty
    private String waitDeadlineSeconds;

    @Inject
    private JobContext job;

    @Inject
    private StepContext step;

    @EJB
    private Campaigns campaigns;

    @EJB
    private Incidents incidents;

    @EJB
    private LedgerDatabase ledger;

    @EJB
    private LoadManager loadManager;

    private static final long POOL_REFRESH_NANOS = Duration.ofSeconds(1).toNanos();
    /**
     * How often the writer asks whether the job is being stopped: an in-memory look-up of the running execution, cheap
     * next to an SMTP transaction, but not worth doing for each of thousands of messages a second.
     */
    private static final long STOP_CHECK_NANOS = Duration.ofMillis(100).toNanos();

    private List<Mta> pool;
    private long poolReadAt;
    private String envelopeFrom;
    private final Map<Long, SmtpConnection> connections = new HashMap<>();
    private LedgerWriter ledgerWriter;
    private OutcomeJournalFile journal;
    private RoomWait wait;
    /** Where this partition starts in the pool's order of preference (see {@link ShareOrder}); partitions start apart. */
    private int shareRotation = ThreadLocalRandom.current().nextInt();

    private ConnectionPermits.Holder permitHolder;
    private long stopCheckedAt;
    private boolean stopping;
    /** Looked up once: BatchRuntime.getJobOperator() runs a ServiceLoader over the deployment on every call. */
    private JobOperator jobOperator;

    @Override
    public void open(Serializable checkpoint) throws AddressException {
        Campaign campaign = campaigns.get(campaignId);
        pool = campaigns.pool(campaignId);
        poolReadAt = System.nanoTime();
        // The envelope sender (MAIL FROM) is the bare address; the From header keeps the display name.
        envelopeFrom = new InternetAddress(campaign.getFromAddress(), true).getAddress();
        permitHolder = new ConnectionPermits.Holder(
                campaignId,
                "campaign " + campaignId + " execution " + job.getExecutionId() + " ("
                        + Thread.currentThread().getName() + ")");
        ledgerWriter = ledger.openWriter(campaignId);
        journal = OutcomeJournalFile.open(campaignId);
        long deadline = waitDeadlineSeconds == null || waitDeadlineSeconds.isBlank()
                ? campaign.getWaitDeadlineSeconds()
                : Math.min(23 * 3600, Long.parseLong(waitDeadlineSeconds.strip()));
        wait = new RoomWait(Duration.ofSeconds(deadline), Duration.ofSeconds(1), LoadSettings.maxBackoff());
        PartitionSignals.of(step).onIdle(this::closeConnections);
    }

    @Override
    public void writeItems(List<Object> items) throws MessagingException {
        Deque<PersonalMessage> unsent = new ArrayDeque<>(items.size());
        items.forEach(item -> unsent.add((PersonalMessage) item));
        boolean stopped = !waitForRetryTime(unsent);
        while (!stopped && !unsent.isEmpty()) {
            if (stopRequested()) {
                break;
            }
            refreshPool();
            Allocation allocation =
                    loadManager.allocate(ShareOrder.rotated(pool, shareRotation++), unsent.size(), permitHolder);
            allocation.surrender().forEach(this::closeConnection);
            // No idle connection to an MTA this chunk does not use: its permit may serve another writer.
            List.copyOf(connections.keySet()).stream()
                    .filter(mtaId -> !allocation.shares().containsKey(mtaId))
                    .forEach(this::closeConnection);
            if (allocation.none()) {
                stopped = !waitForRoom(allocation, unsent.peek());
                continue;
            }
            if (wait.waiting()) {
                wait.admitted();
                campaigns.admittedAgain(campaignId);
                LOG.info(() -> "Campaign " + campaignId + " sending again: " + allocation.reason());
            }
            // The shares one after the other, each next at the MTA the fewest writers send to now.
            Map<Long, Integer> shares = new LinkedHashMap<>(allocation.shares());
            while (!shares.isEmpty() && !stopRequested()) {
                long next = loadManager.beginShare(permitHolder, List.copyOf(shares.keySet()));
                sendShare(mta(next), shares.remove(next), unsent);
            }
        }
        if (!unsent.isEmpty()) {
            // Stopped: these recipients get no outcome (they stay PENDING or DEFERRED) and a restart reads them again.
            PartitionSignals.of(step).unsentFrom(unsent.peek().recipientId());
            LOG.info(() -> "Campaign " + campaignId + ": job execution " + job.getExecutionId() + " stopped; "
                    + unsent.size()
                    + " recipient(s) of the chunk left unsent from recipient id "
                    + unsent.peek().recipientId());
        }
        // The chunk's outcomes are durable in the database now; the journal needs to hold only the next chunk's.
        ledgerWriter.makeDurable();
        journal.clear();
    }

    /**
     * Reads the campaign's MTA pool again at most once a second: an admin's change to an MTA (limits, probe,
     * enabled) applies within a second, and a fast chunk does not pay two queries for it.
     */
    private void refreshPool() {
        long now = System.nanoTime();
        if (now - poolReadAt >= POOL_REFRESH_NANOS) {
            pool = campaigns.pool(campaignId);
            poolReadAt = now;
        }
    }

    /** Sends up to {@code count} messages through one MTA; on a lost MTA the rest stays in {@code unsent}. */
    private void sendShare(Mta mta, int count, Deque<PersonalMessage> unsent) throws MessagingException {
        SmtpConnection connection =
                connections.computeIfAbsent(mta.getId(), id -> new SmtpConnection(mta, envelopeFrom));
        int sent = 0;
        try {
            for (int i = 0; i < count && !unsent.isEmpty() && !stopRequested(); i++) {
                PersonalMessage message = unsent.peek();
                try {
                    DeliveryOutcome outcome = connection.send(message);
                    sent++;
                    // Journal first: it survives a killed JVM even where the database's commit has not reached the
                    // disk.
                    journal.append(mta.getId(), outcome);
                    ledgerWriter.record(mta.getId(), outcome);
                    unsent.poll();
                } catch (SmtpConnection.SenderRefusedException refused) {
                    throw refused; // the campaign's sender: no other MTA will take it either
                } catch (MessagingException lost) {
                    if (lost instanceof SmtpConnection.OutcomeUnknownException unknown) {
                        sent++; // it may be in the MTA's queue
                        ledgerWriter.recordUnknown(
                                mta.getId(),
                                message.recipientId(),
                                message.messageId(),
                                unknown.getMessage(),
                                unknown.transactions());
                    }
                    // The message stays to be sent (PENDING or DEFERRED) and goes to another MTA.
                    closeConnection(mta.getId());
                    loadManager.reportUnreachable(mta, lost.getMessage());
                    return;
                }
            }
        } finally {
            loadManager.settle(mta.getId(), permitHolder, sent);
        }
    }

    /**
     * Recipients the MTA deferred come back in later passes of the reader; none is sent before its retry time. The
     * chunk waits for the latest one: a retry may come later than its backoff, never earlier.
     *
     * @return false if the job was stopped while waiting
     */
    private boolean waitForRetryTime(Deque<PersonalMessage> chunk) {
        Instant due = chunk.stream()
                .map(PersonalMessage::notBefore)
                .filter(Objects::nonNull)
                .max(Instant::compareTo)
                .orElse(null);
        Instant now = Instant.now();
        if (due == null || !due.isAfter(now)) {
            return true;
        }
        long retries = chunk.stream().filter(PersonalMessage::isRetry).count();
        ledgerWriter.flush();
        closeConnections();
        campaigns.waitingForMta(
                campaignId,
                retries + " recipient(s) deferred by the MTA (SMTP 4xx) are retried at "
                        + due.truncatedTo(ChronoUnit.SECONDS));
        if (!pause(Duration.between(now, due))) {
            return false;
        }
        campaigns.admittedAgain(campaignId);
        return true;
    }

    /** @return false if the job was stopped while waiting */
    private boolean waitForRoom(Allocation allocation, PersonalMessage firstUnsent) {
        Instant now = Instant.now();
        Duration pause = wait.nextPause(now);
        String reason = allocation.reason();
        if (pause.isZero()) {
            String statuses = allocation.admissions().stream()
                    .map(SmtpBatchWriter::statusLine)
                    .collect(Collectors.joining("\n"));
            String restartPoint = "this partition resumes at recipient id " + firstUnsent.recipientId()
                    + "; a restart reads only recipients still PENDING";
            Incident incident = incidents.record(
                    campaignId,
                    job.getExecutionId(),
                    Incident.MTA_OVERLOADED,
                    "no MTA had room for " + Duration.between(wait.since(), now).toSeconds() + " s: " + reason,
                    statuses,
                    restartPoint);
            throw new MtaOverloadedException("campaign " + campaignId + " waited past its deadline; incident "
                    + incident.getId() + ", " + incident.getRemaining() + " recipients remain: " + reason);
        }
        campaigns.waitingForMta(campaignId, reason);
        ledgerWriter.flush(); // the counts an operator watches while the campaign waits include what was sent before
        closeConnections();
        LOG.fine(() -> "Campaign " + campaignId + " waiting " + pause.toMillis() + " ms for an MTA: " + reason);
        return pause(pause);
    }

    /**
     * Sleeps, but wakes early when an operator stops the job, so a stop is not held up by the backoff.
     *
     * @return false if the job was stopped
     */
    private boolean pause(Duration pause) {
        long end = System.nanoTime() + pause.toNanos();
        try {
            while (System.nanoTime() < end) {
                if (stopRequested()) {
                    return false;
                }
                Thread.sleep(
                        Math.min(STOP_CHECK_NANOS / 1_000_000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            }
            return !stopRequested();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an MTA with room", e);
        }
    }

    /**
     * Whether the job execution is being stopped. Asked of the JobOperator, not of the injected JobContext: a
     * partition's JobContext holds a copy of the execution's status taken when the partition began.
     */
    private boolean stopRequested() {
        if (stopping) {
            return true;
        }
        long now = System.nanoTime();
        if (stopCheckedAt != 0 && now - stopCheckedAt < STOP_CHECK_NANOS) {
            return false;
        }
        stopCheckedAt = now;
        if (jobOperator == null) {
            jobOperator = BatchRuntime.getJobOperator();
        }
        BatchStatus status = jobOperator.getJobExecution(job.getExecutionId()).getBatchStatus();
        stopping = status == BatchStatus.STOPPING || status == BatchStatus.STOPPED;
        return stopping;
    }

    private static String statusLine(MtaAdmission a) {
        var s = a.status();
        String figures = s == null
                ? "no reading"
                : String.format(
                        java.util.Locale.ROOT,
                        "read %s: load %.2f/%d CPUs, memory %.1f%% available, queue %d (%s), spool free %d MB",
                        a.readAt(),
                        s.load1(),
                        s.cpus(),
                        s.memoryAvailablePercent(),
                        s.queue().total(),
                        s.queue().reader(),
                        s.spoolFreeBytes() / (1024 * 1024));
        return a.describe() + " - " + figures;
    }

    private Mta mta(long id) {
        return pool.stream()
                .filter(m -> m.getId() == id)
                .findFirst()
                .orElseThrow(
                        () -> new IllegalStateException("MTA " + id + " is not in campaign " + campaignId + "'s pool"));
    }

    /** Closes the connection to the MTA, if open, and gives its permit back. */
    private void closeConnection(long mtaId) {
        SmtpConnection connection = connections.remove(mtaId);
        try {
            if (connection != null) {
                connection.close();
            }
        } finally {
            loadManager.releaseConnection(mtaId, permitHolder);
        }
    }

    /**
     * Closes every connection and gives the permits back: a writer that waits (seconds to minutes) keeps no idle
     * connection another campaign could use.
     */
    private void closeConnections() {
        try {
            connections.values().forEach(SmtpConnection::close);
            connections.clear();
        } finally {
            if (permitHolder != null) {
                loadManager.releaseConnections(permitHolder);
            }
        }
    }

    @Override
    public void close() {
        closeConnections();
        if (ledgerWriter != null) {
            ledgerWriter.close();
        }
        if (journal != null) {
            // A journal still holding outcomes (the chunk failed before they were durable) stays for the next start.
            journal.close();
        }
    }
}
