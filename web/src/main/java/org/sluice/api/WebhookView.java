package org.sluice.api;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.sluice.event.entity.Webhook;

/**
 * A webhook as the API shows it. {@code secret} is present only in the answer to its registration: Sluice keeps it
 * sealed and never shows it again.
 */
@Schema(name = "Webhook")
public record WebhookView(
        long id,
        String url,
        List<String> events,
        boolean enabled,
        long deliveredThrough,
        int failuresInARow,
        Instant nextAttemptAt,
        String lastError,
        String createdBy,
        Instant createdAt,
        String secret) {

    static WebhookView of(Webhook w) {
        return of(w, null);
    }

    static WebhookView of(Webhook w, String secret) {
        return new WebhookView(
                w.getId(),
                w.getUrl(),
                List.of(w.getEventTypes().split(",")),
                w.isEnabled(),
                w.getDeliveredSeq(),
                w.getFailures(),
                w.getNextAttemptAt(),
                w.getLastError(),
                w.getCreatedBy(),
                w.getCreatedAt(),
                secret);
    }
}
