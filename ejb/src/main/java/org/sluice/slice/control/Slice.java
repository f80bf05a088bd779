package org.sluice.slice.control;

/** One slice of a campaign's recipients: the ids {@code firstId..lastId} (the last slice is open-ended). */
public record Slice(long campaignId, int number, long firstId, long lastId, SliceState state) {}
