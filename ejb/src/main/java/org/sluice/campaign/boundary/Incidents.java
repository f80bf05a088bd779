package org.sluice.campaign.boundary;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import org.sluice.campaign.entity.Incident;
import org.sluice.security.Roles;

/** Incidents of campaigns: recorded by the send job when it stops on its own, read by admins. */
@PermitAll
@Stateless
public class Incidents {

    @PersistenceContext(unitName = "sluice")
    private EntityManager em;

    @EJB
    private Campaigns campaigns;

    /**
     * Commits on its own (the job's transaction is about to roll back). One incident per job execution and kind:
     * the partitions of a send step give up at about the same time, and each adds its restart point to it.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Incident record(
            long campaignId, Long jobExecutionId, String kind, String reason, String mtaStatuses, String restartPoint) {
        campaigns.lock(campaignId); // serialises the partitions of one campaign
        RecipientCounts counts = campaigns.counts(campaignId);
        long remaining = counts.pending() + counts.deferred();
        Incident existing = em.createQuery(
                        "select i from Incident i where i.campaignId = :c and i.jobExecutionId = :e"
                                + " and i.kind = :k",
                        Incident.class)
                .setParameter("c", campaignId)
                .setParameter("e", jobExecutionId)
                .setParameter("k", kind)
                .getResultStream()
                .findFirst()
                .orElse(null);
        if (existing != null) {
            existing.addRestartPoint(restartPoint, remaining);
            return existing;
        }
        Incident incident = new Incident(
                campaignId, jobExecutionId, Instant.now(), kind, reason, mtaStatuses, restartPoint, remaining);
        em.persist(incident);
        return incident;
    }

    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
    public List<Incident> of(long campaignId) {
        return em.createQuery(
                        "select i from Incident i where i.campaignId = :c order by i.occurredAt desc, i.id desc",
                        Incident.class)
                .setParameter("c", campaignId)
                .getResultList();
    }

    /** One page of {@link #of(long)}: newest first, skipping {@code offset}, at most {@code limit}. */
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
    public List<Incident> of(long campaignId, int offset, int limit) {
        return em.createQuery(
                        "select i from Incident i where i.campaignId = :c order by i.occurredAt desc, i.id desc",
                        Incident.class)
                .setParameter("c", campaignId)
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList();
    }
}
