package org.sluice.importing.boundary;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.sluice.recipient.boundary.ImportCounts;

/**
 * Where a recipient import stands.
 *
 * @param batchStatus the job's Jakarta Batch status by name; the REST API's BatchStatus schema (ProblemResponsesFilter)
 * @param counts     rows imported (of which on the suppression list), rejected (invalid) and dropped as duplicates so far
 * @param exitStatus on failure, the reason (e.g. malformed CSV near line 12)
 */
public record ImportProgress(
        long campaignId,
        long executionId,
        String job,
        @Schema(ref = "BatchStatus") String batchStatus,
        String exitStatus,
        ImportCounts counts) {

    public boolean finished() {
        return !(batchStatus.equals("STARTING") || batchStatus.equals("STARTED") || batchStatus.equals("STOPPING"));
    }
}
