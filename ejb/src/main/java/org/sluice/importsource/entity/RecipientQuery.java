package org.sluice.importsource.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** A recipient query an operator asked to import, kept so the import job reads it by id (and for the record). */
@Entity
@Table(name = "recipient_query")
public class RecipientQuery {

    @Id
    @SequenceGenerator(name = "recipient_query_seq", sequenceName = "recipient_query_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "recipient_query_seq")
    private Long id;

    @Column(name = "campaign_id", nullable = false)
    private long campaignId;

    @Column(name = "source_name", nullable = false, length = 64)
    private String sourceName;

    @Column(name = "query_text", nullable = false, length = 10_000)
    private String query;

    @Column(name = "requested_by", nullable = false, length = 100)
    private String requestedBy;

    @Column(name = "requested_at", nullable = false)
    private Instant requestedAt;

    protected RecipientQuery() {}

    public RecipientQuery(long campaignId, String sourceName, String query, String requestedBy, Instant requestedAt) {
        this.campaignId = campaignId;
        this.sourceName = sourceName;
        this.query = query;
        this.requestedBy = requestedBy;
        this.requestedAt = requestedAt;
    }

    public Long getId() {
        return id;
    }

    public long getCampaignId() {
        return campaignId;
    }

    public String getSourceName() {
        return sourceName;
    }

    public String getQuery() {
        return query;
    }

    public String getRequestedBy() {
        return requestedBy;
    }

    public Instant getRequestedAt() {
        return requestedAt;
    }
}
