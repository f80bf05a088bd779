package org.sluice.api;

import java.time.DayOfWeek;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A day of a sending window as the API writes it: the first three letters of its {@link DayOfWeek}, Monday first. A
 * request keeps its days as strings ({@code SendingWindow.parse} also takes "monday" or "Mon" and answers 422 for an
 * unknown day); this type gives them their schema and the view its names.
 */
@Schema(name = "Weekday", description = "A day of the week, Monday first")
public enum Weekday {
    MON,
    TUE,
    WED,
    THU,
    FRI,
    SAT,
    SUN;

    static Weekday of(DayOfWeek day) {
        // Both ISO-8601 ordered, Monday first.
        return values()[day.ordinal()];
    }
}
