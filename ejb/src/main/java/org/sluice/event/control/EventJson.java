package org.sluice.event.control;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.util.UUID;

/**
 * One event as JSON: {@code id} (unique, the same on the topic and in every webhook post, so a receiver can drop a
 * redelivered one), {@code type}, {@code occurredAt}, {@code campaignId}, {@code recipientId}, {@code address} and
 * what the type adds ({@code messageId}, {@code reply}, {@code detail}).
 */
public final class EventJson {

    private EventJson() {}

    /** A delivery outcome: the MTA's reply to the SMTP transaction. */
    public static JsonObject outcome(
            EventType type,
            long campaignId,
            long recipientId,
            String address,
            String messageId,
            int replyCode,
            String replyText,
            Instant at) {
        JsonObjectBuilder event = base(type, campaignId, recipientId, address, at);
        putIfSet(event, "messageId", messageId);
        event.add("reply", Json.createObjectBuilder().add("code", replyCode).add("text", nullToEmpty(replyText)));
        return event.build();
    }

    /** A bounce, a complaint or an unsubscribe: {@code detail} says what the report or the page said. */
    public static JsonObject report(
            EventType type, long campaignId, long recipientId, String address, String detail, Instant at) {
        JsonObjectBuilder event = base(type, campaignId, recipientId, address, at);
        putIfSet(event, "detail", detail);
        return event.build();
    }

    private static JsonObjectBuilder base(
            EventType type, long campaignId, long recipientId, String address, Instant at) {
        JsonObjectBuilder event = Json.createObjectBuilder()
                .add("id", UUID.randomUUID().toString())
                .add("type", type.wireName())
                .add("occurredAt", at.toString())
                .add("campaignId", campaignId)
                .add("recipientId", recipientId);
        putIfSet(event, "address", address);
        return event;
    }

    private static void putIfSet(JsonObjectBuilder event, String name, String value) {
        if (value != null) {
            event.add(name, value);
        }
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
