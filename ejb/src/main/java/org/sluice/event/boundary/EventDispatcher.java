package org.sluice.event.boundary;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.sluice.event.control.EventType;
import org.sluice.event.control.OutboxRows;
import org.sluice.event.control.WebhookPost;
import org.sluice.event.entity.WebhookAttempt;

/**
 * Every second, on every server: publishes the outbox's new events ({@link EventPublisher}), then posts what each
 * due webhook has not had yet, one outbox row per post and in order, until it is up to date or a post fails (then it
 * waits, with backoff, and the same batch goes again). Delivery is at least once: a receiver that answered 2xx but
 * whose answer was lost gets the batch again with the same {@code webhook-id}.
 */
@Singleton
@Startup
@DependsOn("sluice-ejb.jar#SchemaMigration") // reads tables Flyway adds
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@PermitAll
public class EventDispatcher {

    private static final Logger LOG = Logger.getLogger(EventDispatcher.class.getName());

    private static final int ROWS_PER_PUBLISH = 50;
    /** Rows posted to one webhook per round, so one busy webhook cannot hold the others' turn for long. */
    private static final int POSTS_PER_ROUND = 50;

    private static final Duration PRUNE_EVERY = Duration.ofMinutes(10);

    @EJB
    private EventPublisher publisher;

    @EJB
    private WebhookDeliveries deliveries;

    /** A round that outlasts its second is not overlapped by the next. */
    private final AtomicBoolean running = new AtomicBoolean();

    private volatile Instant nextPrune = Instant.now();

    @Schedule(second = "*", minute = "*", hour = "*", persistent = false, info = "sluice-events-out")
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void dispatch() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            publishAll();
            deliverAll();
            pruneNowAndThen();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Events out: a dispatch round failed; the next one tries again in 1 s", e);
        } finally {
            running.set(false);
        }
    }

    private void publishAll() {
        while (publisher.publishNext(ROWS_PER_PUBLISH) == ROWS_PER_PUBLISH) {
            // more waiting
        }
    }

    private void deliverAll() {
        for (long webhook : deliveries.due(Instant.now())) {
            deliverTo(webhook);
        }
    }

    private void deliverTo(long webhook) {
        Duration timeout = EventSettings.webhookTimeout();
        // Long enough for a round of posts that all take their whole timeout, then another server may take over.
        Duration lease = timeout.multipliedBy(POSTS_PER_ROUND + 1L);
        WebhookDeliveries.Claim claim =
                deliveries.claim(webhook, Instant.now(), lease).orElse(null);
        if (claim == null) {
            return;
        }
        boolean released = false;
        try {
            WebhookPost post = new WebhookPost(timeout);
            URI url = URI.create(claim.url());
            Set<EventType> wanted = EventType.parse(claim.eventTypes());
            long position = claim.deliveredSeq();
            for (int i = 0; i < POSTS_PER_ROUND; i++) {
                WebhookDeliveries.Row row = deliveries.next(position).orElse(null);
                if (row == null) {
                    break;
                }
                List<JsonObject> events = wantedEvents(row.events(), wanted);
                if (events.isEmpty()) {
                    deliveries.passed(webhook, row.seq(), null);
                } else if (!post(claim, post, url, row, events)) {
                    released = true; // failed() released it
                    return;
                }
                position = row.seq();
            }
        } finally {
            if (!released) {
                deliveries.release(webhook);
            }
        }
    }

    /** @return whether the receiver acknowledged the batch */
    private boolean post(
            WebhookDeliveries.Claim claim,
            WebhookPost post,
            URI url,
            WebhookDeliveries.Row row,
            List<JsonObject> events) {
        String body = OutboxRows.asArray(events);
        // The same id on every attempt of this batch to this webhook: a receiver drops a batch it has had.
        String messageId = "sluice-" + claim.id() + "-" + row.seq();
        Instant at = Instant.now();
        long started = System.nanoTime();
        Integer status = null;
        String error = null;
        try {
            status = post.post(url, claim.secret(), messageId, body, at.getEpochSecond());
            if (status < 200 || status >= 300) {
                error = "the receiver answered HTTP " + status;
            }
        } catch (HttpTimeoutException e) {
            error = "no answer within " + EventSettings.webhookTimeout().toSeconds() + " s";
        } catch (IOException e) {
            error = "cannot post: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        }
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        WebhookAttempt attempt = new WebhookAttempt(claim.id(), row.seq(), events.size(), at, status, millis, error);
        if (error == null) {
            deliveries.passed(claim.id(), row.seq(), attempt);
            return true;
        }
        int failures = deliveries.failures(claim.id()) + 1;
        Instant next = Instant.now().plus(EventSettings.backoff().after(failures));
        deliveries.failed(claim.id(), attempt, next);
        String reason = error;
        LOG.info(() -> "Webhook " + claim.id() + ": " + reason + "; batch " + row.seq() + " tried again at " + next);
        return false;
    }

    private static List<JsonObject> wantedEvents(String row, Set<EventType> wanted) {
        JsonArray events = EventPublisher.parse(row);
        return events.stream()
                .map(JsonValue::asJsonObject)
                .filter(e -> wanted.stream().anyMatch(t -> t.wireName().equals(e.getString("type", ""))))
                .toList();
    }

    private void pruneNowAndThen() {
        Instant now = Instant.now();
        if (now.isBefore(nextPrune)) {
            return;
        }
        nextPrune = now.plus(PRUNE_EVERY);
        int pruned = publisher.prune(now.minus(EventSettings.retention()));
        if (pruned > 0) {
            LOG.fine(() -> "Events out: " + pruned + " published outbox rows past their retention removed");
        }
    }
}
