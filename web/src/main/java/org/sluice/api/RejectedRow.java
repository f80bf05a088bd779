package org.sluice.api;

import org.sluice.recipient.entity.ImportRejection;

/** One row an import did not take. */
public record RejectedRow(long line, String reason, String content, long jobExecutionId) {

    static RejectedRow of(ImportRejection r) {
        return new RejectedRow(r.getLineNumber(), r.getReason(), r.getContent(), r.getJobExecutionId());
    }
}
