package org.sluice.probe.protocol;

import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The JSON body of a probe reply. Example (version 1):
 * <pre>
 * {"protocol":1,"probeId":"mta1","probeVersion":"0.1.0","time":"2026-11-25T10:15:30Z",
 *  "load1":0.42,"load5":0.37,"cpus":4,
 *  "memoryAvailableBytes":6123456789,"memoryTotalBytes":8123456789,"swapUsedBytes":0,
 *  "spoolPath":"/var/spool/postfix","spoolFreeBytes":51234567890,
 *  "queue":{"reader":"postfix","incoming":0,"active":12,"deferred":3,"total":15,"readAt":"2026-11-25T10:15:29.820Z"}}
 * </pre>
 * In {@code queue}, {@code -1} means "not told apart" (incoming/active/deferred) or "unknown" (total, with an
 * {@code error} saying why); {@code readAt}, optional, is when the probe began counting. Unknown fields are ignored,
 * so a probe may add fields without a new version.
 */
public final class ProbeStatusJson {

    // Looked up once: JsonProvider.provider() runs a ServiceLoader lookup per call.
    private static final JsonProvider JSON = JsonProvider.provider();

    private ProbeStatusJson() {}

    public static String toJson(ProbeStatus s) {
        QueueDepth q = s.queue();
        JsonObjectBuilder queue = JSON.createObjectBuilder()
                .add("reader", q.reader())
                .add("incoming", q.incoming())
                .add("active", q.active())
                .add("deferred", q.deferred())
                .add("total", q.total());
        if (q.error() != null) {
            queue.add("error", q.error());
        }
        if (q.readAt() != null) {
            queue.add("readAt", q.readAt().toString());
        }
        JsonObjectBuilder o = JSON.createObjectBuilder()
                .add("protocol", s.protocol())
                .add("probeId", s.probeId())
                .add("probeVersion", s.probeVersion())
                .add("time", s.time().toString())
                .add("load1", s.load1())
                .add("load5", s.load5())
                .add("cpus", s.cpus())
                .add("memoryAvailableBytes", s.memoryAvailableBytes())
                .add("memoryTotalBytes", s.memoryTotalBytes())
                .add("swapUsedBytes", s.swapUsedBytes())
                .add("spoolPath", s.spoolPath() == null ? "" : s.spoolPath())
                .add("spoolFreeBytes", s.spoolFreeBytes())
                .add("queue", queue);
        return o.build().toString();
    }

    /**
     * @throws ProbeReplyException naming what is wrong: not JSON, a missing or mistyped field, a newer version
     */
    public static ProbeStatus fromJson(String json) {
        JsonObject o;
        try (JsonReader reader = JSON.createReader(new StringReader(json == null ? "" : json))) {
            o = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new ProbeReplyException("probe reply is not a JSON object: " + abbreviate(json), e);
        }
        int protocol = (int) number(o, "protocol");
        if (protocol > ProbeProtocol.VERSION) {
            throw new ProbeReplyException("probe " + text(o, "probeId", "?") + " speaks protocol version " + protocol
                    + ", newer than this Sluice understands (" + ProbeProtocol.VERSION + "): upgrade Sluice");
        }
        if (protocol < 1) {
            throw new ProbeReplyException("probe reply has protocol version " + protocol + ": must be 1 or more");
        }
        String probeId = string(o, "probeId");
        JsonObject q = object(o, "queue");
        QueueDepth queue = new QueueDepth(
                string(q, "queue.reader"),
                (long) number(q, "queue.incoming"),
                (long) number(q, "queue.active"),
                (long) number(q, "queue.deferred"),
                (long) number(q, "queue.total"),
                text(q, "error", null),
                q.containsKey("readAt") ? instant(q, "queue.readAt") : null);
        return new ProbeStatus(
                protocol,
                probeId,
                string(o, "probeVersion"),
                instant(o, "time"),
                number(o, "load1"),
                number(o, "load5"),
                (int) number(o, "cpus"),
                (long) number(o, "memoryAvailableBytes"),
                (long) number(o, "memoryTotalBytes"),
                (long) number(o, "swapUsedBytes"),
                text(o, "spoolPath", ""),
                (long) number(o, "spoolFreeBytes"),
                queue);
    }

    private static double number(JsonObject o, String name) {
        String key = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : name;
        JsonValue v = o.get(key);
        if (!(v instanceof JsonNumber n)) {
            throw new ProbeReplyException(
                    "probe reply field '" + name + "' " + (v == null ? "is missing" : "is not a number: " + v));
        }
        return n.doubleValue();
    }

    private static String string(JsonObject o, String name) {
        String key = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : name;
        JsonValue v = o.get(key);
        if (!(v instanceof JsonString s) || s.getString().isBlank()) {
            throw new ProbeReplyException("probe reply field '" + name + "' "
                    + (v == null ? "is missing" : "is not a non-empty string: " + v));
        }
        return s.getString();
    }

    private static String text(JsonObject o, String name, String fallback) {
        JsonValue v = o.get(name);
        return v instanceof JsonString s ? s.getString() : fallback;
    }

    private static JsonObject object(JsonObject o, String name) {
        JsonValue v = o.get(name);
        if (!(v instanceof JsonObject obj)) {
            throw new ProbeReplyException(
                    "probe reply field '" + name + "' " + (v == null ? "is missing" : "is not an object: " + v));
        }
        return obj;
    }

    private static Instant instant(JsonObject o, String name) {
        String s = string(o, name);
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new ProbeReplyException("probe reply field '" + name + "' is not an ISO-8601 instant: " + s, e);
        }
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "(no body)";
        }
        String oneLine = s.replaceAll("[\\r\\n\\t]+", " ");
        return oneLine.length() > 120 ? oneLine.substring(0, 120) + "..." : "'" + oneLine + "'";
    }
}
