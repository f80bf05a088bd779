package org.sluice.event.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** One attempt to post a batch of events to a webhook: the delivery log. */
@Entity
@Table(name = "webhook_attempt")
public class WebhookAttempt {

    @Id
    @SequenceGenerator(name = "webhook_attempt_seq", sequenceName = "webhook_attempt_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "webhook_attempt_seq")
    private Long id;

    @Column(name = "webhook_id", nullable = false)
    private long webhookId;

    /** The outbox row posted. */
    @Column(nullable = false)
    private long seq;

    @Column(name = "event_count", nullable = false)
    private int eventCount;

    @Column(name = "attempted_at", nullable = false)
    private Instant attemptedAt;

    /** The receiver's HTTP status, or null when there was no answer. */
    @Column(name = "status_code")
    private Integer statusCode;

    @Column(nullable = false)
    private long millis;

    @Column(length = 1000)
    private String error;

    protected WebhookAttempt() {}

    public WebhookAttempt(
            long webhookId,
            long seq,
            int eventCount,
            Instant attemptedAt,
            Integer statusCode,
            long millis,
            String error) {
        this.webhookId = webhookId;
        this.seq = seq;
        this.eventCount = eventCount;
        this.attemptedAt = attemptedAt;
        this.statusCode = statusCode;
        this.millis = millis;
        this.error = error == null || error.length() <= 1000 ? error : error.substring(0, 997) + "...";
    }

    public Long getId() {
        return id;
    }

    public long getWebhookId() {
        return webhookId;
    }

    public long getSeq() {
        return seq;
    }

    public int getEventCount() {
        return eventCount;
    }

    public Instant getAttemptedAt() {
        return attemptedAt;
    }

    public Integer getStatusCode() {
        return statusCode;
    }

    public long getMillis() {
        return millis;
    }

    public String getError() {
        return error;
    }

    public boolean succeeded() {
        return statusCode != null && statusCode >= 200 && statusCode < 300;
    }
}
