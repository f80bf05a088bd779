package org.sluice.jmx;

import java.time.Duration;
import java.time.Instant;
import org.sluice.campaign.boundary.Campaigns;
import org.sluice.campaign.boundary.RecipientCounts;
import org.sluice.campaign.entity.Campaign;
import org.sluice.recipient.boundary.RecipientCounters;
import org.sluice.sending.boundary.CampaignProgress;
import org.sluice.sending.boundary.CampaignSender;

/** The campaign MBean: reads through CampaignSender's progress, acts through its start/stop/restart. */
final class CampaignOperations implements CampaignMXBean {

    /** A console polls every attribute in turn; one progress read serves them all for this long. */
    private static final Duration FRESH = Duration.ofSeconds(1);

    private final long id;
    private final String name;
    private final CampaignSender sender;
    private final Campaigns campaigns;
    private final RecipientCounters counters;
    private final ManagedSettings settings;
    private final JmxCalls calls;
    private CampaignProgress progress;
    private Instant readAt;

    CampaignOperations(
            long id,
            String name,
            CampaignSender sender,
            Campaigns campaigns,
            RecipientCounters counters,
            ManagedSettings settings,
            JmxCalls calls) {
        this.id = id;
        this.name = name;
        this.sender = sender;
        this.campaigns = campaigns;
        this.counters = counters;
        this.settings = settings;
        this.calls = calls;
    }

    private synchronized CampaignProgress progress() {
        Instant now = Instant.now();
        if (progress == null || readAt.plus(FRESH).isBefore(now)) {
            progress = calls.call(() -> sender.progress(id));
            readAt = now;
        }
        return progress;
    }

    private synchronized void forget() {
        progress = null;
    }

    private RecipientCounts counts() {
        return progress().counts();
    }

    private Campaign campaign() {
        return calls.call(() -> campaigns.get(id));
    }

    @Override
    public long getId() {
        return id;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getStatus() {
        return progress().status().name();
    }

    @Override
    public String getBatchStatus() {
        String s = progress().batchStatus();
        return s == null ? "" : s;
    }

    @Override
    public long getJobExecutionId() {
        Long id = progress().executionId();
        return id == null ? -1 : id;
    }

    @Override
    public String getWaitingReason() {
        String r = progress().waitingReason();
        return r == null ? "" : r;
    }

    @Override
    public long getSent() {
        return counts().sent();
    }

    @Override
    public long getDeferred() {
        return counts().deferred();
    }

    @Override
    public long getFailed() {
        return counts().failed();
    }

    @Override
    public long getSuppressed() {
        return counts().suppressed();
    }

    @Override
    public long getPending() {
        return counts().pending();
    }

    @Override
    public long getDeferredThenSent() {
        return counts().deferredThenSent();
    }

    @Override
    public long getUnknownOutcomes() {
        return counts().unknownOutcomes();
    }

    @Override
    public double getMessagesPerSecond() {
        return progress().messagesPerSecond();
    }

    @Override
    public int getConnections() {
        return campaign().getConnections();
    }

    @Override
    public int getChunkSize() {
        return campaign().getChunkSize();
    }

    @Override
    public void setConnections(int connections) {
        require(connections >= 1, "connections must be at least 1: " + connections);
        calls.run(() -> settings.campaignConnections(id, connections));
    }

    @Override
    public void setChunkSize(int chunkSize) {
        require(chunkSize >= 1, "chunkSize must be at least 1: " + chunkSize);
        calls.run(() -> settings.campaignChunkSize(id, chunkSize));
    }

    /** Checked here rather than in the EJB, whose IllegalArgumentException would be a logged system exception. */
    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalArgumentException(problem);
        }
    }

    @Override
    public String checkCounts() {
        return calls.call(() -> counters.check(id).report());
    }

    @Override
    public String correctCounts() {
        forget();
        return calls.call(() -> counters.correct(id).report());
    }

    @Override
    public long start() {
        forget();
        return calls.call(() -> sender.start(id));
    }

    @Override
    public void stop() {
        forget();
        calls.run(() -> sender.stop(id));
    }

    @Override
    public long restart() {
        forget();
        return calls.call(() -> sender.restart(id));
    }
}
