package org.sluice.recipient.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import org.sluice.campaign.entity.Campaign;

/** One person a campaign mails, with their merge values and delivery state. */
@Entity
@Table(name = "recipient")
public class Recipient {

    @Id
    @SequenceGenerator(name = "recipient_seq", sequenceName = "recipient_seq", allocationSize = 500)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "recipient_seq")
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "campaign_id")
    private Campaign campaign;

    @Column(nullable = false)
    private String address;

    @Column(name = "address_key", nullable = false)
    private String addressKey;

    @Column(name = "display_name")
    private String displayName;

    @Convert(converter = MergeValuesConverter.class)
    @Column(name = "merge_values")
    private Map<String, String> mergeValues;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private RecipientState state = RecipientState.PENDING;

    @Column(name = "last_reply")
    private String lastReply;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "source_line")
    private Long sourceLine;

    @Column(name = "updated_at")
    private Instant updatedAt;

    protected Recipient() {
    }

    public Recipient(Campaign campaign, String address, String addressKey, String displayName,
                     Map<String, String> mergeValues, long sourceLine) {
        this.campaign = campaign;
        this.address = address;
        this.addressKey = addressKey;
        this.displayName = displayName;
        this.mergeValues = mergeValues;
        this.sourceLine = sourceLine;
        this.updatedAt = Instant.now();
    }

    /** On the suppression list: never mailed; {@code why} says which reason and since when. */
    public void suppress(String why) {
        this.state = RecipientState.SUPPRESSED;
        this.lastReply = why;
    }

    public Long getId() { return id; }
    public Campaign getCampaign() { return campaign; }
    public String getAddress() { return address; }
    public String getAddressKey() { return addressKey; }
    public String getDisplayName() { return displayName; }
    public Map<String, String> getMergeValues() { return mergeValues; }
    public RecipientState getState() { return state; }
    public String getLastReply() { return lastReply; }
    public int getAttempts() { return attempts; }
    public Long getSourceLine() { return sourceLine; }
    public Instant getUpdatedAt() { return updatedAt; }
}
