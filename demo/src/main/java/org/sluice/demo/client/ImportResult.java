package org.sluice.demo.client;

import jakarta.json.JsonObject;

/** Where a recipient import stands (the server's ImportProgress). */
public record ImportResult(
        long executionId, String batchStatus, String exitStatus, long imported, long rejected, long duplicates) {

    /** From the JSON of GET /campaigns/{id}/imports/{execution}. */
    public static ImportResult of(JsonObject progress) {
        JsonObject counts = progress.getJsonObject("counts");
        return new ImportResult(
                progress.getJsonNumber("executionId").longValue(),
                JsonValues.string(progress, "batchStatus"),
                JsonValues.string(progress, "exitStatus"),
                JsonValues.number(counts, "imported"),
                JsonValues.number(counts, "rejected"),
                JsonValues.number(counts, "duplicates"));
    }

    public boolean running() {
        return JsonValues.running(batchStatus);
    }

    public boolean completed() {
        return "COMPLETED".equals(batchStatus);
    }
}
