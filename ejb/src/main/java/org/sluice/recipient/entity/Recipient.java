package org.sluice.recipient.entity;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;

/** One person a campaign mails, with their merge values and (in {@link RecipientOutcome}) delivery state. */
@Entity
@Table(name = "recipient")
public class Recipient {

    /**
     * recipient_seq's increment: each value of the sequence is the last id of a block this size. EclipseLink takes
     * blocks for this entity, and an import's chunk takes its own (NewRecipientRows).
     */
    public static final int ID_BLOCK = 500;

    @Id
    @SequenceGenerator(name = "recipient_seq", sequenceName = "recipient_seq", allocationSize = ID_BLOCK)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "recipient_seq")
    private Long id;

    /** The campaign's id, not the campaign: campaigns build on recipients, never the other way round. */
    @Column(name = "campaign_id", nullable = false)
    private long campaignId;

    @Column(nullable = false)
    private String address;

    @Column(name = "address_key", nullable = false)
    private String addressKey;

    @Column(name = "display_name")
    private String displayName;

    @Convert(converter = MergeValuesConverter.class)
    @Column(name = "merge_values")
    private Map<String, String> mergeValues;

    @Column(name = "source_line")
    private Long sourceLine;

    /** When the recipient was imported. */
    @Column(name = "updated_at")
    private Instant updatedAt;

    /** Null until the first outcome (the recipient is PENDING). */
    @OneToOne(mappedBy = "recipient", fetch = FetchType.LAZY, cascade = CascadeType.PERSIST)
    private RecipientOutcome outcome;

    protected Recipient() {}

    public Recipient(
            long campaignId,
            String address,
            String addressKey,
            String displayName,
            Map<String, String> mergeValues,
            long sourceLine) {
        this.campaignId = campaignId;
        this.address = address;
        this.addressKey = addressKey;
        this.displayName = displayName;
        this.mergeValues = mergeValues;
        this.sourceLine = sourceLine;
        this.updatedAt = Instant.now();
    }

    /** On the suppression list: never mailed; {@code why} says which reason and since when. */
    public void suppress(String why) {
        this.outcome = RecipientOutcome.suppressed(this, why);
    }

    public Long getId() {
        return id;
    }

    public long getCampaignId() {
        return campaignId;
    }

    public String getAddress() {
        return address;
    }

    public String getAddressKey() {
        return addressKey;
    }

    public String getDisplayName() {
        return displayName;
    }

    public Map<String, String> getMergeValues() {
        return mergeValues;
    }

    public RecipientState getState() {
        return outcome == null ? RecipientState.PENDING : outcome.getState();
    }

    public String getLastReply() {
        return outcome == null ? null : outcome.getLastReply();
    }

    public int getAttempts() {
        return outcome == null ? 0 : outcome.getAttempts();
    }

    public Long getSourceLine() {
        return sourceLine;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
