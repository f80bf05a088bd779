package org.sluice.recipient.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
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

    /**
     * A page in id order. Each state is read as a walk of the recipient_pending index (campaign, state, id) from
     * {@code afterId}, and for every state the walks are merged: an "id order over all states" query has no index of
     * its own, and H2 sorted the campaign's whole range for it (3 s a page at 1,000,000 recipients).
     *
     * @param state null for every state
     */
    public List<RecipientRow> page(long campaignId, RecipientState state, long afterId, int offset, int size) {
        int skip = Math.max(0, offset);
        int take = Math.max(1, Math.min(size, 500));
        List<RecipientRow> merged = new ArrayList<>();
        for (RecipientState s : state == null ? List.of(RecipientState.values()) : List.of(state)) {
            // SQL, because JPQL's "order by r.campaign.id" became a join on campaign, which no index orders.
            List<?> rows = em.createNativeQuery("SELECT id, address, display_name, state, last_reply, attempts, updated_at"
                            + " FROM recipient WHERE campaign_id = ? AND state = ? AND id > ? ORDER BY campaign_id, state, id")
                    .setParameter(1, campaignId).setParameter(2, s.name()).setParameter(3, afterId)
                    .setMaxResults(skip + take).getResultList();
            for (Object row : rows) {
                Object[] r = (Object[]) row;
                merged.add(new RecipientRow(((Number) r[0]).longValue(), (String) r[1], (String) r[2],
                        RecipientState.valueOf((String) r[3]), (String) r[4], ((Number) r[5]).intValue(), instant(r[6])));
            }
        }
        merged.sort(Comparator.comparingLong(RecipientRow::id));
        return merged.subList(Math.min(skip, merged.size()), Math.min(skip + take, merged.size()));
    }

    private static Instant instant(Object value) {
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof LocalDateTime t) {
            return Timestamp.valueOf(t).toInstant();
        }
        return null;
    }

    /** The campaign's lowest recipient id (any state), or null if it has none; the same index walks as a page. */
    public Long firstId(long campaignId) {
        List<RecipientRow> first = page(campaignId, null, 0, 0, 1);
        return first.isEmpty() ? null : first.get(0).id();
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
