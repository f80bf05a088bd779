package org.sluice.recipient.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** A rejected row as stored: the source row an import did not take, with its line number and why. */
@Entity
@Table(name = "import_rejection")
public class RejectedRowRecord {

    @Id
    @SequenceGenerator(name = "import_rejection_seq", sequenceName = "import_rejection_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "import_rejection_seq")
    private Long id;

    @Column(name = "campaign_id", nullable = false)
    private long campaignId;

    @Column(name = "job_execution_id", nullable = false)
    private long jobExecutionId;

    @Column(name = "line_number", nullable = false)
    private long lineNumber;

    @Column(nullable = false)
    private String reason;

    private String content;

    protected RejectedRowRecord() {}

    public RejectedRowRecord(long campaignId, long jobExecutionId, long lineNumber, String reason, String content) {
        this.campaignId = campaignId;
        this.jobExecutionId = jobExecutionId;
        this.lineNumber = lineNumber;
        this.reason = reason;
        this.content = content;
    }

    public Long getId() {
        return id;
    }

    public long getCampaignId() {
        return campaignId;
    }

    public long getJobExecutionId() {
        return jobExecutionId;
    }

    public long getLineNumber() {
        return lineNumber;
    }

    public String getReason() {
        return reason;
    }

    public String getContent() {
        return content;
    }
}
