package org.sluice.event.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A receiver of events over HTTP, registered by an admin. {@code deliveredSeq} is its position in the event stream:
 * every outbox row up to it was acknowledged (2xx) or held none of its event types.
 */
@Entity
@Table(name = "webhook")
public class Webhook {

    @Id
    @SequenceGenerator(name = "webhook_seq", sequenceName = "webhook_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "webhook_seq")
    private Long id;

    @Column(nullable = false, length = 2000)
    private String url;

    @Convert(converter = SealedWebhookSecretConverter.class)
    @Column(nullable = false, length = 1000)
    private String secret;

    @Column(name = "event_types", nullable = false, length = 200)
    private String eventTypes;

    @Column(nullable = false)
    private boolean enabled;

    @Column(name = "delivered_seq", nullable = false)
    private long deliveredSeq;

    @Column(nullable = false)
    private int failures;

    @Column(name = "next_attempt_at", nullable = false)
    private Instant nextAttemptAt;

    @Column(name = "lease_until")
    private Instant leaseUntil;

    @Column(name = "last_error", length = 1000)
    private String lastError;

    @Column(name = "created_by", nullable = false, length = 200)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Webhook() {}

    /** A new webhook receives the events published from now on, not the history before it. */
    public Webhook(String url, String secret, String eventTypes, long startAfterSeq, String createdBy, Instant now) {
        this.url = url;
        this.secret = secret;
        this.eventTypes = eventTypes;
        this.enabled = true;
        this.deliveredSeq = startAfterSeq;
        this.nextAttemptAt = now;
        this.createdBy = createdBy;
        this.createdAt = now;
    }

    public Long getId() {
        return id;
    }

    public String getUrl() {
        return url;
    }

    public String getSecret() {
        return secret;
    }

    public String getEventTypes() {
        return eventTypes;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public long getDeliveredSeq() {
        return deliveredSeq;
    }

    public int getFailures() {
        return failures;
    }

    public Instant getNextAttemptAt() {
        return nextAttemptAt;
    }

    public String getLastError() {
        return lastError;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
