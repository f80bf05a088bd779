package org.sluice.slice.control;

import java.time.Instant;

/**
 * A slice as the console and the REST API show it: which server claimed it last and when, and whether a server holds
 * it now.
 */
public record SliceView(
        int number, long firstId, long lastId, SliceState state, String node, Instant claimedAt, boolean claimed) {}
