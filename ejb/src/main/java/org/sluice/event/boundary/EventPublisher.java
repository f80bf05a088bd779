package org.sluice.event.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.StringReader;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * Publishes the outbox's new rows: each event as a message on the topic {@code java:/jms/topic/sluice/events}, and
 * each row gets the next number of the event stream ({@code seq}), which webhooks follow. One transaction (XA: the
 * database and the broker) under the event_sequence row's lock, so rows are numbered in the order they are
 * published, on one server at a time, and a row is published and numbered together or not at all.
 */
@Stateless
@PermitAll
public class EventPublisher {

    /** The JMS message property with the event's type, for subscribers' selectors. */
    public static final String TYPE_PROPERTY = "type";

    public static final String CAMPAIGN_PROPERTY = "campaignId";

    @PersistenceContext(unitName = "sluice")
    private EntityManager em;

    @Resource(lookup = "java:/JmsXA")
    private ConnectionFactory connectionFactory;

    @Resource(lookup = "java:/jms/topic/sluice/events")
    private Topic topic;

    /** @return how many outbox rows were published (at most {@code maxRows}) */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int publishNext(int maxRows) {
        long seq = ((Number) em.createNativeQuery("SELECT last_seq FROM event_sequence WHERE id = 1 FOR UPDATE")
                        .getSingleResult())
                .longValue();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT id, events FROM event_outbox WHERE seq IS NULL ORDER BY id")
                .setMaxResults(maxRows)
                .getResultList();
        if (rows.isEmpty()) {
            return 0;
        }
        try (JMSContext jms = connectionFactory.createContext()) {
            JMSProducer producer = jms.createProducer();
            for (Object[] row : rows) {
                for (JsonValue event : parse((String) row[1])) {
                    producer.send(topic, message(jms, event.asJsonObject()));
                }
                em.createNativeQuery("UPDATE event_outbox SET seq = ? WHERE id = ?")
                        .setParameter(1, ++seq)
                        .setParameter(2, ((Number) row[0]).longValue())
                        .executeUpdate();
            }
        }
        em.createNativeQuery("UPDATE event_sequence SET last_seq = ? WHERE id = 1")
                .setParameter(1, seq)
                .executeUpdate();
        return rows.size();
    }

    /** Removes published rows older than the retention; a webhook that is further behind misses them. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int prune(Instant olderThan) {
        return em.createNativeQuery("DELETE FROM event_outbox WHERE seq IS NOT NULL AND created_at < ?")
                .setParameter(1, Timestamp.from(olderThan))
                .executeUpdate();
    }

    private static TextMessage message(JMSContext jms, JsonObject event) {
        TextMessage message = jms.createTextMessage(event.toString());
        try {
            message.setStringProperty(TYPE_PROPERTY, event.getString("type"));
            message.setLongProperty(
                    CAMPAIGN_PROPERTY, event.getJsonNumber("campaignId").longValue());
        } catch (JMSException e) {
            throw new IllegalStateException("cannot set a property of an event message", e);
        }
        return message;
    }

    static JsonArray parse(String events) {
        try (JsonReader reader = Json.createReader(new StringReader(events))) {
            return reader.readArray();
        }
    }
}
