package org.sluice.demo.client;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;

/** Reading the server's records, whose null components JSON-B leaves out. */
final class JsonValues {

    private JsonValues() {}

    static String string(JsonObject o, String name) {
        JsonValue value = o.get(name);
        return value == null || value.getValueType() == JsonValue.ValueType.NULL ? null : o.getString(name);
    }

    static long number(JsonObject o, String name) {
        JsonValue value = o.get(name);
        return value == null || value.getValueType() == JsonValue.ValueType.NULL
                ? 0
                : o.getJsonNumber(name).longValue();
    }

    static Instant instant(JsonObject o, String name) {
        String value = string(o, name);
        return value == null ? null : Instant.parse(value);
    }

    /** The Jakarta Batch statuses of an execution that has not ended yet. */
    static boolean running(String batchStatus) {
        return "STARTING".equals(batchStatus) || "STARTED".equals(batchStatus) || "STOPPING".equals(batchStatus);
    }
}
