package org.sluice.event.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventTypeTest {

    @Test
    void parsesWireNamesAndBlankMeansAll() {
        assertEquals(EnumSet.of(EventType.DELIVERED, EventType.BOUNCED), EventType.parse("bounced, delivered"));
        assertEquals(EnumSet.allOf(EventType.class), EventType.parse(" "));
        assertEquals("delivered,bounced", EventType.format(EventType.parse("bounced,delivered")));
    }

    @Test
    void anUnknownTypeIsNamedWithoutItsControlCharacters() {
        IllegalArgumentException refused =
                assertThrows(IllegalArgumentException.class, () -> EventType.parse("delivered,opened\r\n"));
        assertEquals(
                "unknown event type 'opened': one of delivered, failed, bounced, complained, unsubscribed",
                refused.getMessage().replace("??", ""));
        assertFalse(refused.getMessage().contains("\n"));
    }

    @Test
    void eventsHaveAnIdTypeTimeAndTheirRecipient() {
        JsonObject delivered = EventJson.outcome(
                EventType.DELIVERED,
                7,
                42,
                "a@example.com",
                "<m@x>",
                250,
                "2.0.0 Ok",
                Instant.parse("2026-12-07T10:00:00Z"));
        assertEquals("delivered", delivered.getString("type"));
        assertEquals(7, delivered.getJsonNumber("campaignId").longValue());
        assertEquals("a@example.com", delivered.getString("address"));
        assertEquals(250, delivered.getJsonObject("reply").getInt("code"));
        assertEquals("2026-12-07T10:00:00Z", delivered.getString("occurredAt"));
        assertEquals(36, delivered.getString("id").length());
        JsonObject unsubscribed =
                EventJson.report(EventType.UNSUBSCRIBED, 7, 42, "a@example.com", "one-click", Instant.EPOCH);
        assertTrue(unsubscribed.containsKey("detail"));
        assertFalse(unsubscribed.getString("id").equals(delivered.getString("id")));
        assertEquals(2, OutboxRows.asArray(List.of(delivered, unsubscribed)).split("\"id\"").length - 1);
    }
}
