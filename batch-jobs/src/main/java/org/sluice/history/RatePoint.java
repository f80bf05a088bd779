package org.sluice.history;

import java.time.Instant;

/** Messages a campaign's MTAs accepted per second over the interval ending {@code at}. */
public record RatePoint(Instant at, double perSecond) {}
