package org.sluice.recipient.boundary;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import org.sluice.recipient.entity.RejectedRowRecord;
import org.sluice.security.Roles;

/** The rows a campaign's imports did not take, for the admin's report. */
@PermitAll
@Stateless
public class RejectedRows {

    @PersistenceContext(unitName = "sluice")
    private EntityManager em;

    /** By import, then line: at most {@code limit}. */
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
    public List<RejectedRowRecord> rejections(long campaignId, int offset, int limit) {
        return em.createQuery(
                        "select r from RejectedRowRecord r where r.campaignId = :c order by r.jobExecutionId, r.lineNumber",
                        RejectedRowRecord.class)
                .setParameter("c", campaignId)
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList();
    }

    public long rejectionCount(long campaignId) {
        return em.createQuery("select count(r) from RejectedRowRecord r where r.campaignId = :c", Long.class)
                .setParameter("c", campaignId)
                .getSingleResult();
    }
}
