package org.sluice.event.boundary;

import java.time.Duration;
import org.sluice.config.Setting;
import org.sluice.event.control.WebhookBackoff;

/** The settings of events out (docs/configuration.md), read at each dispatch. */
final class EventSettings {

    static final Setting WEBHOOK_TIMEOUT = Setting.of("sluice.webhook.timeout-seconds", "10");
    static final Setting WEBHOOK_FIRST_BACKOFF = Setting.of("sluice.webhook.first-backoff-seconds", "5");
    static final Setting WEBHOOK_MAX_BACKOFF = Setting.of("sluice.webhook.max-backoff-seconds", "3600");
    static final Setting RETENTION = Setting.of("sluice.events.retention-days", "7");

    private EventSettings() {}

    static Duration webhookTimeout() {
        return Duration.ofSeconds(WEBHOOK_TIMEOUT.longValue(1, "seconds"));
    }

    static WebhookBackoff backoff() {
        return new WebhookBackoff(
                Duration.ofSeconds(WEBHOOK_FIRST_BACKOFF.longValue(1, "seconds")),
                Duration.ofSeconds(WEBHOOK_MAX_BACKOFF.longValue(1, "seconds")));
    }

    static Duration retention() {
        return Duration.ofDays(RETENTION.longValue(1, "days"));
    }
}
