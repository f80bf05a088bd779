package org.sluice.bounce.control;

/** Which message a bounce is about: one campaign's message to one recipient. */
public record MessageRef(long campaignId, long recipientId) {}
