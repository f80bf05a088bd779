package org.sluice.jmx;

/**
 * One MTA as JMX shows it: {@code sluice:type=Mta,name="<name>"}: its admission now, its probe's latest figures and
 * round trips, and its thresholds. Figures are -1 when the probe has not told them (no probe, no answer yet).
 */
public interface MtaMXBean {

    String getName();

    String getHost();

    int getPort();

    boolean isEnabled();

    String getProbeId();

    /** ADMITTED, FULL, UNKNOWN, UNREACHABLE, DISABLED or UNPROBED. */
    String getAdmission();

    String getAdmissionReason();

    /** Messages it may still take until its next reading. */
    int getBudget();

    /** When the latest probe reading arrived (ISO-8601), empty if none. */
    String getProbeReadAt();

    long getQueueDepth();

    double getLoadPerCpu();

    double getMemoryAvailablePercent();

    long getSpoolFreeBytes();

    int getProbeRoundTrips();

    double getProbeLatencyP50Millis();

    double getProbeLatencyP99Millis();

    double getProbeLatencyMaxMillis();

    int getMaxQueueDepth();

    int getQueueResumeDepth();

    double getLoadPerCpuStop();

    double getLoadPerCpuResume();

    double getMemoryStopPercent();

    double getMemoryResumePercent();

    long getSpoolMinFreeMb();

    void enable();

    void disable();

    /** Queue depth at which admission stops, and at or below which it resumes. */
    void setQueueThresholds(int maxQueueDepth, int queueResumeDepth);

    /** 1-minute load per CPU at which admission stops, and at or below which it resumes. */
    void setLoadThresholds(double loadPerCpuStop, double loadPerCpuResume);

    /** Available memory (% of total) below which admission stops, and at or above which it resumes. */
    void setMemoryThresholds(double memoryStopPercent, double memoryResumePercent);

    void setSpoolMinFreeMb(long spoolMinFreeMb);
}
