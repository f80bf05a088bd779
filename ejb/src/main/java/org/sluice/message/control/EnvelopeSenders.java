package org.sluice.message.control;

/** Chooses each message's envelope sender (SMTP MAIL FROM), e.g. a VERP address naming campaign and recipient. */
@FunctionalInterface
public interface EnvelopeSenders {

    String of(long campaignId, long recipientId);
}
