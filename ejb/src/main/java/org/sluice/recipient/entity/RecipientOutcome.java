package org.sluice.recipient.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * Where a recipient stands: its state, the last SMTP reply, how many transactions were tried. A row of its own,
 * written when the first outcome arrives (the send path writes it with plain JDBC, see LedgerWriter): inserting
 * this narrow row costs much less than updating the recipient's (docs/benchmarks.md). A recipient without one is PENDING.
 */
@Entity
@Table(name = "recipient_outcome")
public class RecipientOutcome {

    @Id
    @OneToOne(optional = false)
    @JoinColumn(name = "recipient_id")
    private Recipient recipient;

    @Column(name = "campaign_id", nullable = false)
    private long campaignId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private RecipientState state;

    @Column(name = "last_reply")
    private String lastReply;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;

    @Column(name = "deferred_since")
    private Instant deferredSince;

    protected RecipientOutcome() {}

    /** A recipient the import found on the suppression list: never mailed, {@code why} says since when and why. */
    static RecipientOutcome suppressed(Recipient recipient, String why) {
        RecipientOutcome outcome = new RecipientOutcome();
        outcome.recipient = recipient;
        outcome.campaignId = recipient.getCampaignId();
        outcome.state = RecipientState.SUPPRESSED;
        outcome.lastReply = why;
        outcome.updatedAt = Instant.now();
        return outcome;
    }

    /** A suppressed recipient's last_reply: the suppression list's reason and since when. */
    public static String suppressedReply(String reason, Instant since) {
        return "suppressed: " + reason + " since " + since;
    }

    public Recipient getRecipient() {
        return recipient;
    }

    public long getCampaignId() {
        return campaignId;
    }

    public RecipientState getState() {
        return state;
    }

    public String getLastReply() {
        return lastReply;
    }

    public int getAttempts() {
        return attempts;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public Instant getNextAttemptAt() {
        return nextAttemptAt;
    }

    public Instant getDeferredSince() {
        return deferredSince;
    }
}
