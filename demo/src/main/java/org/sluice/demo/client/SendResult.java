package org.sluice.demo.client;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;

/**
 * A campaign's state while and after it sends (the server's CampaignProgress): recipient counts by state
 * and the job execution's start and end, which bound the send rate (the import is not part of it).
 */
public record SendResult(
        long campaignId,
        String status,
        String batchStatus,
        String exitStatus,
        long pending,
        long sent,
        long deferred,
        long failed,
        long suppressed,
        Instant started,
        Instant ended,
        long sentThisRun) {

    static SendResult of(JsonObject progress) {
        JsonObject counts = progress.getJsonObject("counts");
        return new SendResult(
                progress.getJsonNumber("id").longValue(),
                JsonValues.string(progress, "status"),
                JsonValues.string(progress, "batchStatus"),
                JsonValues.string(progress, "exitStatus"),
                JsonValues.number(counts, "pending"),
                JsonValues.number(counts, "sent"),
                JsonValues.number(counts, "deferred"),
                JsonValues.number(counts, "failed"),
                JsonValues.number(counts, "suppressed"),
                JsonValues.instant(progress, "started"),
                JsonValues.instant(progress, "ended"),
                JsonValues.number(progress, "sentThisRun"));
    }

    public long total() {
        return pending + sent + deferred + failed + suppressed;
    }

    /** STARTING, STARTED or STOPPING, or not yet started at all. */
    public boolean running() {
        return batchStatus == null || JsonValues.running(batchStatus);
    }

    public boolean completed() {
        return "COMPLETED".equals(batchStatus);
    }

    /** The job execution's run time: its end, or now while it runs. */
    public Duration duration() {
        if (started == null) {
            return Duration.ZERO;
        }
        return Duration.between(started, ended == null ? Instant.now() : ended);
    }

    /** Messages the MTA accepted per second of the job execution. */
    public double messagesPerSecond() {
        double seconds = duration().toMillis() / 1000.0;
        return seconds > 0 ? sentThisRun / seconds : 0;
    }
}
