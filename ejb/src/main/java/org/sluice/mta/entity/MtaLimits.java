package org.sluice.mta.entity;

import org.sluice.refusal.InvalidValueException;

/**
 * How full an MTA's host may get before Sluice stops sending to it, and how far it must recover before Sluice
 * sends again. Each pair (stop, resume) is apart on purpose: with one threshold, admission would flap at every
 * reading around it.
 *
 * @param maxQueueDepth       queued messages at which admission stops; also the budget's ceiling
 * @param queueResumeDepth    queued messages at or below which a stopped MTA is admitted again
 * @param loadPerCpuStop      1-minute load average per processor at which admission stops
 * @param loadPerCpuResume    ... at or below which it resumes
 * @param memoryStopPercent   available memory (% of total) below which admission stops
 * @param memoryResumePercent ... at or above which it resumes
 * @param spoolMinFreeMb      free space on the spool filesystem below which admission stops
 */
public record MtaLimits(
        int maxQueueDepth,
        int queueResumeDepth,
        double loadPerCpuStop,
        double loadPerCpuResume,
        double memoryStopPercent,
        double memoryResumePercent,
        long spoolMinFreeMb) {

    public static final MtaLimits DEFAULTS = new MtaLimits(2000, 1500, 2.0, 1.5, 5.0, 10.0, 512);

    public MtaLimits {
        require(
                maxQueueDepth > 0,
                "maxQueueDepth must be positive: " + maxQueueDepth,
                "refusal.mta.maxQueueDepth",
                maxQueueDepth);
        require(
                queueResumeDepth >= 0 && queueResumeDepth <= maxQueueDepth,
                "queueResumeDepth must be between 0 and maxQueueDepth (" + maxQueueDepth + "): " + queueResumeDepth,
                "refusal.mta.queueResumeDepth",
                maxQueueDepth,
                queueResumeDepth);
        require(
                loadPerCpuStop > 0,
                "loadPerCpuStop must be positive: " + loadPerCpuStop,
                "refusal.mta.loadPerCpuStop",
                loadPerCpuStop);
        require(
                loadPerCpuResume > 0 && loadPerCpuResume <= loadPerCpuStop,
                "loadPerCpuResume must be positive and at most loadPerCpuStop (" + loadPerCpuStop + "): "
                        + loadPerCpuResume,
                "refusal.mta.loadPerCpuResume",
                loadPerCpuStop,
                loadPerCpuResume);
        require(
                memoryStopPercent >= 0 && memoryStopPercent < 100,
                "memoryStopPercent must be in [0, 100): " + memoryStopPercent,
                "refusal.mta.memoryStopPercent",
                memoryStopPercent);
        require(
                memoryResumePercent >= memoryStopPercent && memoryResumePercent < 100,
                "memoryResumePercent must be at least memoryStopPercent (" + memoryStopPercent + ") and below 100: "
                        + memoryResumePercent,
                "refusal.mta.memoryResumePercent",
                memoryStopPercent,
                memoryResumePercent);
        require(
                spoolMinFreeMb >= 0,
                "spoolMinFreeMb must not be negative: " + spoolMinFreeMb,
                "refusal.mta.spoolMinFreeMb",
                spoolMinFreeMb);
    }

    /** @param key the console's text for the problem (the message is what the REST API answers) */
    private static void require(boolean condition, String message, String key, Object... arguments) {
        if (!condition) {
            throw new InvalidValueException(message, key, arguments);
        }
    }
}
