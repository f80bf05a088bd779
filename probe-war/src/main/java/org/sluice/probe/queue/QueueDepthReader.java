package org.sluice.probe.queue;

import org.sluice.probe.protocol.QueueDepth;

/** Counts the messages an MTA holds, one way (a spool directory, a command). */
public interface QueueDepthReader {

    /**
     * Never throws: a queue that cannot be read is {@link QueueDepth#unknown} with an error saying what failed,
     * where, and what to do about it. An unreadable queue is never reported as empty.
     */
    QueueDepth read();

    /** The reader's name as configured (sluice.probe.queue-reader) and reported in {@link QueueDepth#reader()}. */
    String name();
}
