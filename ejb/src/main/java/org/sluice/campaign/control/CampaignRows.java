package org.sluice.campaign.control;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every row a campaign owns, deleted in the caller's transaction, children before parents (the foreign keys). The
 * suppression list keeps its entries: a person who unsubscribed from a deleted campaign still asked not to be mailed.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class CampaignRows {

    /** Table and the condition that selects the campaign's rows, in the order they can be deleted. */
    private static final Map<String, String> OWNED = new LinkedHashMap<>();

    static {
        OWNED.put("delivery_record", "recipient_id IN (SELECT id FROM recipient WHERE campaign_id = ?1)");
        OWNED.put("bounce", "campaign_id = ?1");
        OWNED.put("recipient_outcome", "campaign_id = ?1");
        OWNED.put("import_rejection", "campaign_id = ?1");
        OWNED.put("recipient_query", "campaign_id = ?1");
        OWNED.put("recipient", "campaign_id = ?1");
        OWNED.put("recipient_count", "campaign_id = ?1");
        OWNED.put("campaign_mta", "campaign_id = ?1");
        OWNED.put("incident", "campaign_id = ?1");
        OWNED.put("send_slice", "campaign_id = ?1");
        OWNED.put("campaign", "id = ?1");
    }

    @PersistenceContext(unitName = "sluice")
    private EntityManager em;

    /** @return rows deleted per table, for the log */
    public Map<String, Integer> deleteAll(long campaignId) {
        em.flush();
        em.clear(); // nothing managed may be written back over the deleted rows
        Map<String, Integer> deleted = new LinkedHashMap<>();
        OWNED.forEach((table, owned) -> deleted.put(
                table,
                em.createNativeQuery("DELETE FROM " + table + " WHERE " + owned)
                        .setParameter(1, campaignId)
                        .executeUpdate()));
        return deleted;
    }
}
