package org.sluice.event.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.json.Json;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import org.sluice.audit.boundary.AuditLog;
import org.sluice.event.control.EventType;
import org.sluice.event.control.WebhookSignature;
import org.sluice.event.control.WebhookUrl;
import org.sluice.event.entity.Webhook;
import org.sluice.event.entity.WebhookAttempt;
import org.sluice.refusal.InvalidValueException;
import org.sluice.refusal.RequestRefusedException.Kind;
import org.sluice.security.Roles;

/**
 * The webhooks admins register: each gets the events published after it was registered, of the types it asked for,
 * signed with a secret Sluice makes and shows once. Every change is audited (never the secret).
 */
@Stateless
@RolesAllowed(Roles.ADMIN)
public class Webhooks {

    /** A new webhook and its signing secret, which is not shown again. */
    public record Registered(Webhook webhook, String secret) {}

    @PersistenceContext(unitName = "sluice")
    private EntityManager em;

    @Resource
    private SessionContext session;

    @EJB
    private AuditLog audit;

    public Registered register(String url, String eventTypes) {
        String checkedUrl;
        String types;
        try {
            checkedUrl = WebhookUrl.check(url).toString();
        } catch (InvalidValueException e) {
            throw new WebhookException(Kind.INVALID, e.getMessage()).localized(e.messageKey(), e.messageArguments());
        }
        try {
            types = EventType.format(EventType.parse(eventTypes));
        } catch (IllegalArgumentException e) {
            throw new WebhookException(Kind.INVALID, e.getMessage()).localized("refusal.webhook.eventTypes");
        }
        String secret = WebhookSignature.newSecret();
        long position = ((Number) em.createNativeQuery("SELECT last_seq FROM event_sequence WHERE id = 1")
                        .getSingleResult())
                .longValue();
        Webhook webhook = new Webhook(
                checkedUrl, secret, types, position, AuditLog.actor(session.getCallerPrincipal()), Instant.now());
        em.persist(webhook);
        em.flush();
        audit.record("REGISTER", AuditLog.WEBHOOK, String.valueOf(webhook.getId()), null, describe(webhook));
        return new Registered(webhook, secret);
    }

    public List<Webhook> list() {
        return em.createQuery("select w from Webhook w order by w.id", Webhook.class)
                .getResultList();
    }

    public Webhook get(long id) {
        Webhook webhook = em.find(Webhook.class, id);
        if (webhook == null) {
            throw new WebhookException(Kind.NOT_FOUND, "no webhook " + id);
        }
        return webhook;
    }

    /** Disabled, it receives nothing and keeps its position; enabled again, it resumes there at once. */
    public Webhook setEnabled(long id, boolean enabled) {
        Webhook webhook = get(id);
        String before = describe(webhook);
        webhook.setEnabled(enabled);
        if (enabled) {
            em.createNativeQuery("UPDATE webhook SET failures = 0, next_attempt_at = ? WHERE id = ?")
                    .setParameter(1, java.sql.Timestamp.from(Instant.now()))
                    .setParameter(2, id)
                    .executeUpdate();
        }
        audit.record(enabled ? "ENABLE" : "DISABLE", AuditLog.WEBHOOK, String.valueOf(id), before, describe(webhook));
        return webhook;
    }

    public void remove(long id) {
        Webhook webhook = get(id);
        audit.record("DELETE", AuditLog.WEBHOOK, String.valueOf(id), describe(webhook), null);
        em.remove(webhook);
    }

    /** The delivery log, newest first. */
    public List<WebhookAttempt> attempts(long id, int limit) {
        get(id);
        return em.createQuery(
                        "select a from WebhookAttempt a where a.webhookId = :id order by a.attemptedAt desc, a.id desc",
                        WebhookAttempt.class)
                .setParameter("id", id)
                .setMaxResults(limit)
                .getResultList();
    }

    private static String describe(Webhook webhook) {
        return Json.createObjectBuilder()
                .add("url", webhook.getUrl())
                .add("events", webhook.getEventTypes())
                .add("enabled", webhook.isEnabled())
                .build()
                .toString();
    }
}
