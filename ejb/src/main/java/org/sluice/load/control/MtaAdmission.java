package org.sluice.load.control;

import java.time.Instant;
import org.sluice.probe.protocol.ProbeStatus;

/**
 * One MTA's admission as the LoadManager sees it now.
 *
 * @param budget  messages it may still take until its next reading (0 unless it takes mail)
 * @param status  its probe's latest reading, null if none
 * @param readAt  when that reading arrived, null if none
 * @param probeRoundTrip its probe's recent round trips (last 1,000 answers)
 * @param connectionsInUse SMTP connections open to it now, over all campaigns
 * @param maxConnections   its limit of open connections (the admin's setting)
 */
public record MtaAdmission(
        long mtaId,
        String mtaName,
        MtaState state,
        int budget,
        String reason,
        ProbeStatus status,
        Instant readAt,
        Latency probeRoundTrip,
        int connectionsInUse,
        int maxConnections) {

    /** The same MTA as one writer sees it when it cannot open a connection to it now. */
    public MtaAdmission atConnectionLimit(String why) {
        return new MtaAdmission(
                mtaId,
                mtaName,
                MtaState.AT_CONNECTION_LIMIT,
                0,
                why,
                status,
                readAt,
                probeRoundTrip,
                connectionsInUse,
                maxConnections);
    }

    /** One line for logs, waiting reasons and incidents. */
    public String describe() {
        return mtaName + ": " + state + (reason == null || reason.isBlank() ? "" : " (" + reason + ")");
    }
}
