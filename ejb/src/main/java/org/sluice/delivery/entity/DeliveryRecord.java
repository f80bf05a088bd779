package org.sluice.delivery.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One SMTP transaction for one recipient: which MTA, the Message-ID sent, and the reply. Written on the
 * send path with plain JDBC (LedgerDatabase); mapped here for reading.
 */
@Entity
@Table(name = "delivery_record")
public class DeliveryRecord {

    @Id
    private Long id;

    @Column(name = "recipient_id", nullable = false)
    private long recipientId;

    @Column(name = "campaign_id", nullable = false)
    private long campaignId;

    @Column(name = "mta_id")
    private Long mtaId;

    @Column(name = "message_id", nullable = false)
    private String messageId;

    @Column(name = "reply_code", nullable = false)
    private int replyCode;

    @Column(name = "reply_text")
    private String replyText;

    @Column(nullable = false)
    private int attempt;

    @Column(name = "sent_at", nullable = false)
    private Instant sentAt;

    protected DeliveryRecord() {}

    public Long getId() {
        return id;
    }

    public long getRecipientId() {
        return recipientId;
    }

    public long getCampaignId() {
        return campaignId;
    }

    public Long getMtaId() {
        return mtaId;
    }

    public String getMessageId() {
        return messageId;
    }

    public int getReplyCode() {
        return replyCode;
    }

    public String getReplyText() {
        return replyText;
    }

    public int getAttempt() {
        return attempt;
    }

    public Instant getSentAt() {
        return sentAt;
    }
}
