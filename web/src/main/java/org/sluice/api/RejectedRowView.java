package org.sluice.api;

import org.sluice.recipient.entity.RejectedRowRecord;

/** A rejected row as the API shows it: one row an import did not take. */
public record RejectedRowView(long line, String reason, String content, long executionId) {

    static RejectedRowView of(RejectedRowRecord r) {
        return new RejectedRowView(r.getLineNumber(), r.getReason(), r.getContent(), r.getJobExecutionId());
    }
}
