package org.sluice.bounce.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** One delivery status notification about one recipient's message, as the bounce reader recorded it. */
@Entity
@Table(name = "bounce")
public class Bounce {

    @Id
    @SequenceGenerator(name = "bounce_seq", sequenceName = "bounce_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "bounce_seq")
    private Long id;

    @Column(name = "campaign_id", nullable = false)
    private long campaignId;

    @Column(name = "recipient_id", nullable = false)
    private long recipientId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    private BounceKind kind;

    @Column(length = 20)
    private String action;

    @Column(length = 20)
    private String status;

    @Column(length = 1000)
    private String diagnostic;

    @Column(name = "final_recipient", length = 320)
    private String finalRecipient;

    @Column(name = "matched_by", nullable = false, length = 12)
    private String matchedBy;

    @Column(name = "report_id", nullable = false, length = 400)
    private String reportId;

    @Column(name = "received_at", nullable = false)
    private Instant receivedAt;

    protected Bounce() {}

    public Bounce(
            long campaignId,
            long recipientId,
            BounceKind kind,
            String action,
            String status,
            String diagnostic,
            String finalRecipient,
            String matchedBy,
            String reportId,
            Instant receivedAt) {
        this.campaignId = campaignId;
        this.recipientId = recipientId;
        this.kind = kind;
        this.action = cut(action, 20);
        this.status = cut(status, 20);
        this.diagnostic = cut(diagnostic, 1000);
        this.finalRecipient = cut(finalRecipient, 320);
        this.matchedBy = matchedBy;
        this.reportId = reportIdOf(reportId);
        this.receivedAt = receivedAt;
    }

    /** The report id as stored (cut to the column). */
    public static String reportIdOf(String reportId) {
        return cut(reportId, 400);
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    public Long getId() {
        return id;
    }

    public long getCampaignId() {
        return campaignId;
    }

    public long getRecipientId() {
        return recipientId;
    }

    public BounceKind getKind() {
        return kind;
    }

    public String getAction() {
        return action;
    }

    public String getStatus() {
        return status;
    }

    public String getDiagnostic() {
        return diagnostic;
    }

    public String getFinalRecipient() {
        return finalRecipient;
    }

    public String getMatchedBy() {
        return matchedBy;
    }

    public String getReportId() {
        return reportId;
    }

    public Instant getReceivedAt() {
        return receivedAt;
    }
}
