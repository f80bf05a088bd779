package org.sluice.api;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.sluice.campaign.entity.SendingWindow;

/**
 * A campaign's sending window as the API shows it: the days and local times in its zone, and whether it is open now,
 * with when it next closes or opens (UTC).
 *
 * @param days     MON ... SUN, Monday first
 * @param opensAt  null while it is open
 * @param closesAt null while it is closed, or when it never closes (every day, all day)
 */
@Schema(requiredProperties = {"days", "from", "until", "timeZone", "open"})
public record SendingWindowView(
        @Schema(type = SchemaType.ARRAY, implementation = Weekday.class)
        List<String> days,

        String from,
        String until,
        String timeZone,
        boolean open,
        Instant opensAt,
        Instant closesAt) {

    static SendingWindowView of(SendingWindow window, Instant now) {
        if (window == null) {
            return null;
        }
        boolean open = window.isOpen(now);
        return new SendingWindowView(
                window.weekOrder().stream().map(d -> Weekday.of(d).name()).toList(),
                window.fromText(),
                window.untilText(),
                window.zone().getId(),
                open,
                open ? null : window.nextOpening(now),
                open ? window.nextClosing(now) : null);
    }
}
