package org.sluice.jmx;

/**
 * One campaign as JMX shows it: {@code sluice:type=Campaign,id=<id>,name="<name>"}. Counts and rate are read from
 * the database at most once a second however many attributes a console polls.
 */
public interface CampaignMXBean {

    long getId();

    String getName();

    /** DRAFT, SENDING, WAITING_FOR_MTA, WAITING_FOR_WINDOW, STOPPED, FAILED or COMPLETED. */
    String getStatus();

    /** The latest job execution's batch status (STARTED, STOPPING, STOPPED...), empty before the first start. */
    String getBatchStatus();

    /**
     * The campaign's latest job execution, -1 before the first start: the {@code execution=<id>} of the batch-jberet
     * management resources, which name the job but not the campaign.
     */
    long getJobExecutionId();

    String getWaitingReason();

    long getSent();

    long getDeferred();

    long getFailed();

    long getSuppressed();

    long getPending();

    long getDeferredThenSent();

    long getUnknownOutcomes();

    /** Messages accepted per second by the current (or last) run, from its start to now (or its end). */
    double getMessagesPerSecond();

    /** SMTP connections (partitions) of the next start or restart; a running job keeps its own. */
    int getConnections();

    void setConnections(int connections);

    /** Recipients per chunk (checkpoint interval) of the next start or restart; a running job keeps its own. */
    int getChunkSize();

    void setChunkSize(int chunkSize);

    /**
     * Checks the campaign's recipient counters (what the attributes above show) against a count of its recipient and
     * outcome tables, both read in one snapshot, so sending may go on meanwhile; reads every recipient of the
     * campaign. Returns one line: that they agree, with the figures, or each difference.
     */
    String checkCounts();

    /** As {@link #checkCounts()}, and corrects counters that differ from the tables (adds the difference). */
    String correctCounts();

    /** Starts the send job; returns its execution id. */
    long start();

    /** Stops the running job at the end of its current chunk. */
    void stop();

    /** Resumes a stopped or failed campaign from its checkpoints; returns the new execution id. */
    long restart();
}
