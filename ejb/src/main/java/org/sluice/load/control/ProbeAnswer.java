package org.sluice.load.control;

import java.time.Duration;
import org.sluice.probe.protocol.ProbeStatus;

/** What one probe answered to one request: its status, or why there is none. */
public record ProbeAnswer(String probeId, ProbeStatus status, String error, Duration roundTrip) {

    public static ProbeAnswer answered(ProbeStatus status, Duration roundTrip) {
        return new ProbeAnswer(status.probeId(), status, null, roundTrip);
    }

    public static ProbeAnswer failed(String probeId, String error) {
        return new ProbeAnswer(probeId, null, error, null);
    }

    public boolean ok() {
        return status != null;
    }

    /** How old the queue count was when the probe answered; zero where the probe does not say. */
    public Duration queueAge() {
        if (status == null || status.queue() == null || status.queue().readAt() == null || status.time() == null) {
            return Duration.ZERO;
        }
        Duration age = Duration.between(status.queue().readAt(), status.time());
        return age.isNegative() ? Duration.ZERO : age;
    }
}
