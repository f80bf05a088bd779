package org.sluice.recipient.entity;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A recipient's merge values as a flat JSON object of strings (JSON-P, provided by the server). */
public final class MergeValuesCodec {

    /** Json.createReader() looks the provider up through ServiceLoader on every call; this runs per recipient. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private MergeValuesCodec() {}

    public static String encode(Map<String, String> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        JsonObjectBuilder json = JSON.createObjectBuilder();
        values.forEach((name, value) -> json.add(name, value == null ? "" : value));
        return json.build().toString();
    }

    public static Map<String, String> decode(String json) {
        if (json == null || json.isEmpty()) {
            return Collections.emptyMap();
        }
        try (JsonReader reader = JSON.createReader(new StringReader(json))) {
            JsonObject object = reader.readObject();
            Map<String, String> values = new LinkedHashMap<>(object.size() * 2);
            for (Map.Entry<String, JsonValue> e : object.entrySet()) {
                values.put(e.getKey(), ((JsonString) e.getValue()).getString());
            }
            return values;
        }
    }
}
