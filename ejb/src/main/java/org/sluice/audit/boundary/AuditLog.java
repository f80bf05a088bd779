package org.sluice.audit.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import org.sluice.audit.entity.AuditEvent;
import org.sluice.security.Roles;

/**
 * Append-only record of who changed what. {@link #record} runs in the caller's transaction, so an event is kept
 * exactly when its change commits; nothing here updates or deletes an event.
 */
@Stateless
public class AuditLog {

    /** What was changed, in the {@code targetType} column. */
    public static final String CAMPAIGN = "campaign";

    public static final String MTA = "mta";
    public static final String SUPPRESSION = "suppression";
    public static final String IMPORT_SOURCE = "import-source";
    public static final String WEBHOOK = "webhook";

    /** Every target type, in the order the console lists them. */
    public static final List<String> TARGET_TYPES = List.of(CAMPAIGN, MTA, SUPPRESSION, IMPORT_SOURCE, WEBHOOK);

    /** Sluice's own machinery (timers, the unsubscribe link), when no user is behind a change. */
    private static final String SYSTEM = "system";

    private static final int MAX_STATE_CHARS = 65_535;

    @PersistenceContext(unitName = "sluice")
    private EntityManager em;

    @Resource
    private SessionContext session;

    /**
     * @param before the target before the change as JSON, null when it did not exist or the action does not change it
     * @param after  the target after it, null when it no longer exists
     */
    @PermitAll
    public void record(String action, String targetType, String target, String before, String after) {
        em.persist(new AuditEvent(
                Instant.now(), actor(), action, targetType, bounded(target, 320), bounded(before), bounded(after)));
    }

    /** Newest first; {@code targetType} and {@code target} narrow it when given. */
    @RolesAllowed(Roles.ADMIN)
    public List<AuditEvent> page(String targetType, String target, int offset, int limit) {
        StringBuilder jpql = new StringBuilder("select e from AuditEvent e where 1 = 1");
        if (targetType != null) {
            jpql.append(" and e.targetType = :type");
        }
        if (target != null) {
            jpql.append(" and e.target = :target");
        }
        TypedQuery<AuditEvent> query = em.createQuery(
                jpql.append(" order by e.occurredAt desc, e.id desc").toString(), AuditEvent.class);
        if (targetType != null) {
            query.setParameter("type", targetType);
        }
        if (target != null) {
            query.setParameter("target", target);
        }
        return query.setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    private String actor() {
        return actor(session.getCallerPrincipal());
    }

    /**
     * Who a change is recorded under: the caller's name (at most the 200 characters the actor and created-by columns
     * hold), or "system" when no user is behind it (WildFly's unauthenticated principal is "anonymous").
     */
    public static String actor(Principal caller) {
        String name = caller == null ? null : caller.getName();
        return name == null || name.isBlank() || name.equals("anonymous") ? SYSTEM : bounded(name, 200);
    }

    private static String bounded(String text) {
        return bounded(text, MAX_STATE_CHARS);
    }

    private static String bounded(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
