/**
 * Events out: what happened to each recipient (delivered, failed, bounced, complained, unsubscribed), published on the
 * JMS topic {@code java:/jms/topic/sluice/events} and posted to the webhooks an admin registers, signed (Standard
 * Webhooks: HMAC-SHA256) and retried with backoff, each attempt logged. Events are written to an outbox table in
 * the transaction of the change they report and published from there, so an event exists exactly when its change
 * commits and survives a crash.
 */
package org.sluice.event;
