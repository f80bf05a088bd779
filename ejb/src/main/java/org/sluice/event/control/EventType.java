package org.sluice.event.control;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** What happened to a recipient, as the {@code type} of an event. */
public enum EventType {
    /** The MTA accepted the message (2xx at the end of DATA). */
    DELIVERED,
    /** The MTA refused it for good (5xx), or it was deferred until it ran out of attempts. */
    FAILED,
    /** A bounce (DSN) came back for it after the MTA had accepted it. */
    BOUNCED,
    /** The person reported it as spam through a feedback loop (ARF). */
    COMPLAINED,
    /** The person followed the unsubscribe link. */
    UNSUBSCRIBED;

    /** The name in events and in a webhook's list of types: lower case. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param names wire names, e.g. "delivered,bounced"; blank means all
     * @throws IllegalArgumentException naming the first unknown one
     */
    public static Set<EventType> parse(String names) {
        if (names == null || names.isBlank()) {
            return EnumSet.allOf(EventType.class);
        }
        Set<EventType> types = EnumSet.noneOf(EventType.class);
        for (String name : names.split(",", -1)) {
            String n = name.strip();
            types.add(Arrays.stream(values())
                    .filter(t -> t.wireName().equals(n))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown event type '" + shown(n) + "': one of "
                            + Arrays.stream(values()).map(EventType::wireName).collect(Collectors.joining(", ")))));
        }
        return types;
    }

    /** The wire names, comma separated, in declaration order. */
    public static String format(Set<EventType> types) {
        return types.stream().sorted().map(EventType::wireName).collect(Collectors.joining(","));
    }

    private static String shown(String name) {
        String printable = name.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "..." : printable;
    }
}
