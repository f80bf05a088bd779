package org.sluice.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import jakarta.servlet.http.Cookie;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * The time zone the console shows times in: the browser's, which resources/sluice/timezone.js puts in the cookie
 * {@value #COOKIE}, else the server's. The cookie is input like any other: only an IANA zone id the JVM knows is
 * used, so a forged value changes nothing but the zone of the display.
 */
@Named("time")
@ApplicationScoped
public class ConsoleTime {

    static final String COOKIE = "sluice-tz";

    private static final Pattern ZONE_ID = Pattern.compile("[A-Za-z0-9_+\\-/]{1,64}");

    /** The zone's id, shown in the header so that every time on the page says where it is. */
    public String getZoneId() {
        return zone().getId();
    }

    /** {@code instant} with {@code pattern} in the user's zone; empty for none. */
    static String format(DateTimeFormatter pattern, Instant instant) {
        return instant == null ? "" : pattern.withZone(zone()).format(instant);
    }

    static ZoneId zone() {
        FacesContext faces = FacesContext.getCurrentInstance();
        if (faces == null) {
            return ZoneId.systemDefault();
        }
        Object cookie = faces.getExternalContext().getRequestCookieMap().get(COOKIE);
        ZoneId zone = cookie instanceof Cookie c ? parse(c.getValue()) : null;
        return zone == null ? ZoneId.systemDefault() : zone;
    }

    /** A zone id as the browser reports it (URL-encoded in the cookie), or null if it is not one. */
    static ZoneId parse(String value) {
        if (value == null) {
            return null;
        }
        String id = value.replace("%2F", "/").replace("%2f", "/");
        if (!ZONE_ID.matcher(id).matches() || id.startsWith("+") || id.startsWith("-")) {
            return null;
        }
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            return null;
        }
    }
}
