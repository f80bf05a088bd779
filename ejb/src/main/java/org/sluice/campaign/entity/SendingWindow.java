package org.sluice.campaign.entity;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.sluice.refusal.InvalidValueException;

/**
 * When a campaign may send: from {@code from} to {@code until} on each of {@code days}, in {@code zone}'s local time.
 * A window whose end is not after its start runs overnight: "Fri 22:00-06:00" opens Friday 22:00 and closes Saturday
 * 06:00; "Sat 00:00-00:00" is the whole Saturday. Times that do not exist on a daylight-saving day are moved forward
 * as {@link ZonedDateTime#of} moves them, so a window is never skipped.
 */
public record SendingWindow(Set<DayOfWeek> days, LocalTime from, LocalTime until, ZoneId zone) {

    private static final DateTimeFormatter HOURS = DateTimeFormatter.ofPattern("HH:mm");
    /** Strict: "24:00" is refused rather than read as midnight. */
    private static final DateTimeFormatter STRICT_HOURS = HOURS.withResolverStyle(ResolverStyle.STRICT);

    public SendingWindow {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(zone, "zone");
        if (days == null || days.isEmpty()) {
            throw new InvalidValueException(
                    "a sending window needs at least one day of the week", "refusal.window.noDays");
        }
        days = Set.copyOf(EnumSet.copyOf(days));
        from = from.withSecond(0).withNano(0);
        until = until.withSecond(0).withNano(0);
    }

    /**
     * Reads a window as an admin writes it: days such as "MON", "monday" or "Mon"; times "HH:mm"; a region zone
     * ("Asia/Seoul"). Every problem is named.
     *
     * @throws InvalidValueException with the reason
     */
    public static SendingWindow parse(Collection<String> days, String from, String until, String zone) {
        if (days == null || days.isEmpty()) {
            throw new InvalidValueException(
                    "give the days the window is open, e.g. [\"MON\", \"TUE\"]", "refusal.window.noDays");
        }
        Set<DayOfWeek> parsed = EnumSet.noneOf(DayOfWeek.class);
        for (String day : days) {
            parsed.add(day(day));
        }
        return new SendingWindow(parsed, time("from", from), time("until", until), parseZone(zone));
    }

    /** The columns' form: "MON,TUE,..." in week order. */
    public String daysColumn() {
        return weekOrder().stream()
                .map(DayOfWeek::name)
                .map(d -> d.substring(0, 3))
                .collect(Collectors.joining(","));
    }

    public static Set<DayOfWeek> fromDaysColumn(String column) {
        Set<DayOfWeek> parsed = EnumSet.noneOf(DayOfWeek.class);
        for (String day : column.split(",")) {
            parsed.add(day(day));
        }
        return parsed;
    }

    /** The days in week order, Monday first. */
    public List<DayOfWeek> weekOrder() {
        return EnumSet.copyOf(days).stream().toList();
    }

    public boolean isOpen(Instant at) {
        return openingContaining(at) != null;
    }

    /** {@code at} when the window is open then, else the next time it opens. */
    public Instant nextOpening(Instant at) {
        if (isOpen(at)) {
            return at;
        }
        LocalDate date = at.atZone(zone).toLocalDate();
        for (int d = -1; d <= 8; d++) {
            LocalDate day = date.plusDays(d);
            if (days.contains(day.getDayOfWeek())) {
                Instant opens = opens(day);
                if (opens.isAfter(at)) {
                    return opens;
                }
            }
        }
        throw new IllegalStateException("no opening within a week of " + at + " for " + this); // a day is listed
    }

    /**
     * When the window open at {@code at} closes (windows that touch count as one); null when it is never closed
     * (every day, all day) or not open at {@code at}.
     */
    public Instant nextClosing(Instant at) {
        Instant closes = closingOfWindowContaining(at);
        for (int i = 0; closes != null && i < 8; i++) {
            Instant next = closingOfWindowContaining(closes);
            if (next == null) {
                return closes;
            }
            closes = next;
        }
        return closes != null && isOpen(closes) ? null : closes;
    }

    private Instant closingOfWindowContaining(Instant at) {
        LocalDate opening = openingContaining(at);
        return opening == null ? null : closes(opening);
    }

    /** The day whose window contains {@code at}, or null. */
    private LocalDate openingContaining(Instant at) {
        LocalDate date = at.atZone(zone).toLocalDate();
        for (int d = 0; d >= -1; d--) { // a window that opened yesterday may still be open (overnight)
            LocalDate day = date.plusDays(d);
            if (days.contains(day.getDayOfWeek())
                    && !opens(day).isAfter(at)
                    && closes(day).isAfter(at)) {
                return day;
            }
        }
        return null;
    }

    private Instant opens(LocalDate day) {
        return ZonedDateTime.of(day, from, zone).toInstant();
    }

    private Instant closes(LocalDate day) {
        LocalDate closingDay = until.isAfter(from) ? day : day.plusDays(1);
        return ZonedDateTime.of(closingDay, until, zone).toInstant();
    }

    /** "Mon-Fri 08:00-20:00 Asia/Seoul", "Mon, Wed, Sat-Sun 22:00-06:00 UTC". */
    public String describe() {
        return describeDays(Locale.ENGLISH) + " " + HOURS.format(from) + "-" + HOURS.format(until) + " " + zone.getId();
    }

    /** Consecutive days as ranges, in the locale's short day names. */
    public String describeDays(Locale locale) {
        List<String> parts = new ArrayList<>();
        List<DayOfWeek> ordered = weekOrder();
        int i = 0;
        while (i < ordered.size()) {
            int j = i;
            while (j + 1 < ordered.size()
                    && ordered.get(j + 1).getValue() == ordered.get(j).getValue() + 1) {
                j++;
            }
            String first = ordered.get(i).getDisplayName(TextStyle.SHORT, locale);
            String last = ordered.get(j).getDisplayName(TextStyle.SHORT, locale);
            parts.add(j == i ? first : j == i + 1 ? first + ", " + last : first + "-" + last);
            i = j + 1;
        }
        return String.join(", ", parts);
    }

    public String fromText() {
        return HOURS.format(from);
    }

    public String untilText() {
        return HOURS.format(until);
    }

    private static DayOfWeek day(String day) {
        String d = day == null ? "" : day.strip().toUpperCase(Locale.ROOT);
        if (d.length() >= 3 && d.length() <= 9) {
            for (DayOfWeek candidate : DayOfWeek.values()) {
                if (candidate.name().startsWith(d)) {
                    return candidate;
                }
            }
        }
        throw new InvalidValueException(
                "'" + shown(day) + "' is not a day of the week (MON, TUE ... SUN)",
                "refusal.window.notADay",
                shown(day));
    }

    private static LocalTime time(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidValueException(
                    "give " + name + " as a local time HH:mm, e.g. 08:00", "refusal.window." + name + ".missing");
        }
        try {
            return LocalTime.parse(value.strip(), STRICT_HOURS);
        } catch (DateTimeParseException e) {
            throw new InvalidValueException(
                    name + " '" + shown(value) + "' is not a time of day HH:mm (00:00 to 23:59)",
                    "refusal.window." + name + ".invalid",
                    shown(value));
        }
    }

    /** A region time zone as an admin gives it (also a scheduled start's), or the reason it is not one. */
    public static ZoneId parseZone(String zone) {
        if (zone == null || zone.isBlank()) {
            throw new InvalidValueException(
                    "give the time zone as timeZone, e.g. Asia/Seoul or Europe/Berlin", "refusal.zone.missing");
        }
        try {
            return ZoneId.of(zone.strip());
        } catch (DateTimeException e) {
            throw new InvalidValueException(
                    "'" + shown(zone) + "' is not a time zone (e.g. Asia/Seoul)", "refusal.zone.unknown", shown(zone));
        }
    }

    /** Hostile input echoed back: cut short, control characters made visible. */
    private static String shown(String value) {
        if (value == null) {
            return "";
        }
        String cut = value.length() > 60 ? value.substring(0, 60) + "..." : value;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
