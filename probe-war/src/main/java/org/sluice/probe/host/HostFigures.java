package org.sluice.probe.host;

/**
 * What the host itself tells about its load, read at one moment. Every number is {@code -1} where the OS does not
 * tell it (no /proc, an old kernel without MemAvailable, a spool path that does not exist).
 *
 * @param load1                1-minute load average
 * @param load5                5-minute load average
 * @param cpus                 processors available to this JVM
 * @param memoryAvailableBytes memory available for new work without swapping (Linux: MemAvailable)
 * @param memoryTotalBytes     installed memory (Linux: MemTotal)
 * @param swapUsedBytes        swap in use (Linux: SwapTotal - SwapFree)
 * @param spoolPath            the filesystem path the MTA spools to, as configured
 * @param spoolFreeBytes       usable space on that path's filesystem
 */
public record HostFigures(
        double load1,
        double load5,
        int cpus,
        long memoryAvailableBytes,
        long memoryTotalBytes,
        long swapUsedBytes,
        String spoolPath,
        long spoolFreeBytes) {}
