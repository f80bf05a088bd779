package org.sluice.suppression.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One address that no campaign may mail again, with why and since when. The first reason recorded stays. */
@Entity
@Table(name = "suppression")
public class Suppression {

    @Id
    @Column(name = "address_key", length = 320)
    private String addressKey;

    @Column(nullable = false, length = 320)
    private String address;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private SuppressionReason reason;

    @Column(length = 1000)
    private String detail;

    @Column(name = "campaign_id")
    private Long campaignId;

    @Column(name = "suppressed_at", nullable = false)
    private Instant suppressedAt;

    protected Suppression() {}

    public Suppression(
            String addressKey,
            String address,
            SuppressionReason reason,
            String detail,
            Long campaignId,
            Instant suppressedAt) {
        this.addressKey = addressKey;
        this.address = address;
        this.reason = reason;
        this.detail = detail == null || detail.length() <= 1000 ? detail : detail.substring(0, 1000);
        this.campaignId = campaignId;
        this.suppressedAt = suppressedAt;
    }

    public String getAddressKey() {
        return addressKey;
    }

    public String getAddress() {
        return address;
    }

    public SuppressionReason getReason() {
        return reason;
    }

    public String getDetail() {
        return detail;
    }

    public Long getCampaignId() {
        return campaignId;
    }

    public Instant getSuppressedAt() {
        return suppressedAt;
    }
}
