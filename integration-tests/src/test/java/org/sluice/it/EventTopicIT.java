package org.sluice.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.transaction.UserTransaction;
import java.io.StringReader;
import java.time.Instant;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sluice.event.boundary.EventOutbox;
import org.sluice.event.control.EventJson;
import org.sluice.event.control.EventType;

/**
 * The JMS side of events out, inside the server as a subscriber would be: an event written to the outbox in a
 * committed transaction arrives on the topic {@code java:/jms/topic/sluice/events} as JSON with its type and campaign
 * as message properties (selectors work on them); one written in a transaction that rolls back never arrives. The
 * events real changes write (deliveries, unsubscribes) are followed end to end in {@code WebhookIT}.
 */
@ExtendWith(ArquillianExtension.class)
class EventTopicIT {

    @Resource(lookup = "java:/ConnectionFactory")
    private ConnectionFactory connectionFactory;

    @Resource(lookup = "java:/jms/topic/sluice/events")
    private Topic events;

    @Resource(lookup = "java:comp/UserTransaction")
    private UserTransaction transaction;

    @EJB
    private EventOutbox outbox;

    @Deployment
    static EnterpriseArchive sluiceWithTests() {
        return Deployments.sluiceEarWithTests(ShrinkWrap.create(WebArchive.class, "event-topic-test.war")
                .addClass(EventTopicIT.class)
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml"));
    }

    @Test
    void aCommittedEventIsPublishedWithItsPropertiesAndARolledBackOneNever() throws Exception {
        long committedCampaign = 900_000_001L;
        long rolledBackCampaign = 900_000_002L;
        try (JMSContext jms = connectionFactory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
                JMSConsumer committed =
                        jms.createConsumer(events, "type = 'unsubscribed' AND campaignId = " + committedCampaign);
                JMSConsumer rolledBack = jms.createConsumer(events, "campaignId = " + rolledBackCampaign)) {
            JsonObject event = EventJson.report(
                    EventType.UNSUBSCRIBED, committedCampaign, 42, "topic@events.test", "test", Instant.now());
            transaction.begin();
            outbox.add(event);
            transaction.commit();
            transaction.begin();
            outbox.add(EventJson.report(
                    EventType.UNSUBSCRIBED, rolledBackCampaign, 43, "never@events.test", "test", Instant.now()));
            transaction.rollback();

            Message received = committed.receive(15_000);
            assertNotNull(received, "the committed event within 15 s");
            JsonObject body = Json.createReader(new StringReader(((TextMessage) received).getText()))
                    .readObject();
            assertEquals(event, body);
            assertEquals("unsubscribed", received.getStringProperty("type"));
            assertEquals(committedCampaign, received.getLongProperty("campaignId"));
            assertNull(committed.receive(2_000), "published once");
            assertNull(rolledBack.receive(3_000), "the rolled-back event is never published");
        }
    }
}
