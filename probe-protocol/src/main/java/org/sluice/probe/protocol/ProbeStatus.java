package org.sluice.probe.protocol;

import java.time.Instant;

/**
 * One probe's reading of its MTA host (protocol version {@link ProbeProtocol#VERSION}).
 *
 * @param load1                 1-minute load average ({@code -1} where the OS does not tell)
 * @param load5                 5-minute load average ({@code -1} where the OS does not tell)
 * @param cpus                  processors available to the host
 * @param memoryAvailableBytes  memory available for new work without swapping (Linux: MemAvailable)
 * @param spoolPath             the filesystem the MTA spools to, as configured on the probe
 * @param spoolFreeBytes        usable space on that filesystem
 */
public record ProbeStatus(
        int protocol,
        String probeId,
        String probeVersion,
        Instant time,
        double load1,
        double load5,
        int cpus,
        long memoryAvailableBytes,
        long memoryTotalBytes,
        long swapUsedBytes,
        String spoolPath,
        long spoolFreeBytes,
        QueueDepth queue) {

    /** Load average per processor: 1.0 means every core busy. */
    public double loadPerCpu() {
        return load1 < 0 || cpus <= 0 ? -1 : load1 / cpus;
    }

    /** Available memory as a percentage of the total, or -1 if unknown. */
    public double memoryAvailablePercent() {
        return memoryTotalBytes <= 0 ? -1 : 100.0 * memoryAvailableBytes / memoryTotalBytes;
    }
}
