package org.sluice.recipient.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.List;
import org.sluice.recipient.entity.RecipientState;
import org.sluice.security.Roles;

/**
 * Pages of a campaign's recipients for a table that never loads them all: a page by keyset where the table moves
 * page by page (id after the previous page's last), by offset only where a user jumps.
 */
@Stateless
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
public class RecipientBrowser {

    @PersistenceContext(unitName = "sluice")
    private EntityManager em;

    /** @param state null for every state */
    public List<RecipientRow> page(long campaignId, RecipientState state, long afterId, int offset, int size) {
        TypedQuery<RecipientRow> q = em.createQuery("select new org.sluice.recipient.boundary.RecipientRow("
                        + "r.id, r.address, r.displayName, r.state, r.lastReply, r.attempts, r.updatedAt) "
                        + "from Recipient r where r.campaign.id = :c and r.id > :after"
                        + (state == null ? "" : " and r.state = :s") + " order by r.id", RecipientRow.class)
                .setParameter("c", campaignId).setParameter("after", afterId)
                .setFirstResult(Math.max(0, offset)).setMaxResults(Math.max(1, Math.min(size, 500)));
        if (state != null) {
            q.setParameter("s", state);
        }
        return q.getResultList();
    }

    public long count(long campaignId, RecipientState state) {
        TypedQuery<Long> q = em.createQuery("select count(r) from Recipient r where r.campaign.id = :c"
                + (state == null ? "" : " and r.state = :s"), Long.class).setParameter("c", campaignId);
        if (state != null) {
            q.setParameter("s", state);
        }
        return q.getSingleResult();
    }
}
