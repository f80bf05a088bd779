package org.sluice.load.control;

import java.time.Duration;
import org.sluice.config.Setting;

/** The load-aware sending's settings, read at each use: a change applies to the next admission decision. */
public final class LoadSettings {

    /** The CDI {@code @Named} {@link AdmissionPolicy} the LoadManager uses. */
    public static final Setting POLICY = Setting.of("sluice.load.policy", "headroom");
    /** A probe reading older than this is refreshed before a decision. */
    public static final Setting STATUS_MAX_AGE = Setting.of("sluice.load.status-max-age-millis", "1000");
    /** How long the LoadManager waits for probe answers. */
    public static final Setting PROBE_TIMEOUT = Setting.of("sluice.load.probe-timeout-millis", "2000");
    /** How soon a probe that did not answer is asked again. */
    public static final Setting UNKNOWN_RETRY = Setting.of("sluice.load.unknown-retry-millis", "10000");
    /** How long an MTA that refuses or drops connections is left out of its pools. */
    public static final Setting UNREACHABLE_RETRY = Setting.of("sluice.load.unreachable-retry-seconds", "60");
    /** The longest pause between two admission checks of a waiting campaign. */
    public static final Setting MAX_BACKOFF = Setting.of("sluice.load.max-backoff-seconds", "15");

    private LoadSettings() {}

    public static String policy() {
        return POLICY.text();
    }

    public static Duration statusMaxAge() {
        return Duration.ofMillis(STATUS_MAX_AGE.longValue(0, "milliseconds"));
    }

    public static Duration probeTimeout() {
        return Duration.ofMillis(PROBE_TIMEOUT.longValue(1, "milliseconds"));
    }

    public static Duration unknownRetry() {
        return Duration.ofMillis(UNKNOWN_RETRY.longValue(0, "milliseconds"));
    }

    public static Duration unreachableRetry() {
        return Duration.ofSeconds(UNREACHABLE_RETRY.longValue(0, "seconds"));
    }

    public static Duration maxBackoff() {
        return Duration.ofSeconds(MAX_BACKOFF.longValue(1, "seconds"));
    }
}
