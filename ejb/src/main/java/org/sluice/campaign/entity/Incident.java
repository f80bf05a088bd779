package org.sluice.campaign.entity;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Why a campaign's send job stopped on its own, and where a restart picks up: recorded when it happens, so the
 * admin reads the facts of that moment (each MTA's last status), not today's.
 */
@Entity
@Table(name = "incident")
public class Incident {

    /** Nothing was admitted before the campaign's wait deadline. */
    public static final String MTA_OVERLOADED = "MTA_OVERLOADED";
    /** The send step ended with recipients still PENDING or DEFERRED: the job failed instead of completing. */
    public static final String RECIPIENTS_REMAIN = "RECIPIENTS_REMAIN";

    @Id
    @SequenceGenerator(name = "incident_seq", sequenceName = "incident_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "incident_seq")
    private Long id;

    @Column(name = "campaign_id", nullable = false)
    private long campaignId;

    @Column(name = "job_execution_id")
    private Long jobExecutionId;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    @Column(nullable = false)
    private String kind;

    @Column(nullable = false, length = 2000)
    private String reason;

    @Column(name = "mta_statuses", length = 65535)
    private String mtaStatuses;

    @Column(name = "restart_point", length = 2000)
    private String restartPoint;

    @Column(nullable = false)
    private long remaining;

    protected Incident() {}

    public Incident(
            long campaignId,
            Long jobExecutionId,
            Instant occurredAt,
            String kind,
            String reason,
            String mtaStatuses,
            String restartPoint,
            long remaining) {
        this.campaignId = campaignId;
        this.jobExecutionId = jobExecutionId;
        this.occurredAt = occurredAt;
        this.kind = kind;
        this.reason = reason.length() > 2000 ? reason.substring(0, 2000) : reason;
        this.mtaStatuses = mtaStatuses;
        this.restartPoint = restartPoint;
        this.remaining = remaining;
    }

    /** Another partition of the same run gave up too: its restart point is part of the run's. */
    public void addRestartPoint(String partitionRestartPoint, long remainingNow) {
        String joined = restartPoint == null ? partitionRestartPoint : restartPoint + "\n" + partitionRestartPoint;
        restartPoint = joined.length() > 2000 ? joined.substring(0, 2000) : joined;
        remaining = remainingNow;
    }

    public Long getId() {
        return id;
    }

    public long getCampaignId() {
        return campaignId;
    }

    /** Named as everywhere in the API: a job execution is an {@code executionId}. */
    @JsonbProperty("executionId")
    public Long getJobExecutionId() {
        return jobExecutionId;
    }

    public Instant getOccurredAt() {
        return occurredAt;
    }

    @Schema(enumeration = {MTA_OVERLOADED, RECIPIENTS_REMAIN})
    public String getKind() {
        return kind;
    }

    public String getReason() {
        return reason;
    }

    public String getMtaStatuses() {
        return mtaStatuses;
    }

    public String getRestartPoint() {
        return restartPoint;
    }

    public long getRemaining() {
        return remaining;
    }
}
