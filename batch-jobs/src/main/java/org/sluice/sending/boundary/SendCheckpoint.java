package org.sluice.sending.boundary;

/**
 * Where a campaign's send stands for a restart.
 *
 * @param committedChunks chunks the latest run committed; each is a checkpoint its partition resumes after
 * @param nextRecipientId the lowest recipient id still PENDING or DEFERRED; null when everyone has an outcome
 */
public record SendCheckpoint(long committedChunks, Long nextRecipientId) {}
