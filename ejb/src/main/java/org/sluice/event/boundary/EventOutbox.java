package org.sluice.event.boundary;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.sluice.event.control.OutboxRows;

/**
 * Adds an event to the outbox in the caller's transaction (a bounce, a complaint, an unsubscribe), so it is published
 * exactly when the change it reports commits. The send job writes its delivery events through its own ledger
 * connection instead ({@link OutboxRows}).
 */
@Stateless
@PermitAll
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class EventOutbox {

    @PersistenceContext(unitName = "sluice")
    private EntityManager em;

    public void add(JsonObject event) {
        em.createNativeQuery("INSERT INTO event_outbox (created_at, event_count, events) VALUES (?, ?, ?)")
                .setParameter(1, Timestamp.from(Instant.now()))
                .setParameter(2, 1)
                .setParameter(3, OutboxRows.asArray(List.of(event)))
                .executeUpdate();
    }
}
