package org.sluice.event.boundary;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.sluice.event.entity.WebhookAttempt;
import org.sluice.secret.SealedColumn;
import org.sluice.secret.SealedColumns;

/**
 * The database side of delivering to webhooks, each step its own short transaction (the HTTP post happens between
 * them, outside any): which webhooks are due, taking one for a while (a lease, so one server of a cluster posts to it
 * at a time and its batches go in order), reading the next outbox row, and recording each attempt.
 */
@Stateless
@PermitAll
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class WebhookDeliveries {

    /** A webhook taken for delivery: where it is in the stream and what it wants. */
    public record Claim(long id, String url, String secret, String eventTypes, long deliveredSeq) {}

    /** One published outbox row. */
    public record Row(long seq, String events) {}

    private static final SealedColumn SECRETS = new SealedColumn(SealedColumns.WEBHOOK_SECRET);

    @PersistenceContext(unitName = "sluice")
    private EntityManager em;

    /** Enabled webhooks whose next attempt is due and that some published row is waiting for. */
    public List<Long> due(Instant now) {
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("SELECT w.id FROM webhook w WHERE w.enabled = TRUE"
                        + " AND w.next_attempt_at <= ? AND (w.lease_until IS NULL OR w.lease_until < ?)"
                        + " AND w.delivered_seq < (SELECT s.last_seq FROM event_sequence s WHERE s.id = 1)"
                        + " ORDER BY w.id")
                .setParameter(1, Timestamp.from(now))
                .setParameter(2, Timestamp.from(now))
                .getResultList();
        return ids.stream().map(Number::longValue).toList();
    }

    /** Takes the webhook until {@code now + lease} unless another server has it or it is not due any more. */
    public Optional<Claim> claim(long id, Instant now, Duration lease) {
        int taken = em.createNativeQuery("UPDATE webhook SET lease_until = ? WHERE id = ? AND enabled = TRUE"
                        + " AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until < ?)")
                .setParameter(1, Timestamp.from(now.plus(lease)))
                .setParameter(2, id)
                .setParameter(3, Timestamp.from(now))
                .setParameter(4, Timestamp.from(now))
                .executeUpdate();
        if (taken == 0) {
            return Optional.empty();
        }
        Object[] w = (Object[])
                em.createNativeQuery("SELECT url, secret, event_types, delivered_seq FROM webhook WHERE id = ?")
                        .setParameter(1, id)
                        .getSingleResult();
        return Optional.of(
                new Claim(id, (String) w[0], SECRETS.open((String) w[1]), (String) w[2], ((Number) w[3]).longValue()));
    }

    /** The first published row after {@code seq}. */
    public Optional<Row> next(long seq) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT seq, events FROM event_outbox WHERE seq > ? ORDER BY seq")
                .setParameter(1, seq)
                .setMaxResults(1)
                .getResultList();
        return rows.stream().findFirst().map(r -> new Row(((Number) r[0]).longValue(), (String) r[1]));
    }

    /** The row was acknowledged, or held nothing for this webhook: its position moves past it. */
    public void passed(long id, long seq, WebhookAttempt attempt) {
        em.createNativeQuery("UPDATE webhook SET delivered_seq = ?, failures = 0, last_error = NULL"
                        + " WHERE id = ? AND delivered_seq < ?")
                .setParameter(1, seq)
                .setParameter(2, id)
                .setParameter(3, seq)
                .executeUpdate();
        if (attempt != null) {
            em.persist(attempt);
        }
    }

    /** The post failed: the webhook keeps its position and is tried again after {@code wait}. */
    public void failed(long id, WebhookAttempt attempt, Instant nextAttempt) {
        em.createNativeQuery("UPDATE webhook SET failures = failures + 1, next_attempt_at = ?, last_error = ?,"
                        + " lease_until = NULL WHERE id = ?")
                .setParameter(1, Timestamp.from(nextAttempt))
                .setParameter(2, attempt.getError())
                .setParameter(3, id)
                .executeUpdate();
        em.persist(attempt);
    }

    /** How many failures in a row the webhook has now (for the backoff). */
    public int failures(long id) {
        return ((Number) em.createNativeQuery("SELECT failures FROM webhook WHERE id = ?")
                        .setParameter(1, id)
                        .getSingleResult())
                .intValue();
    }

    public void release(long id) {
        em.createNativeQuery("UPDATE webhook SET lease_until = NULL WHERE id = ?")
                .setParameter(1, id)
                .executeUpdate();
    }
}
