package org.sluice.campaign.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class SendingWindowTest {

    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static final SendingWindow WEEKDAYS =
            SendingWindow.parse(List.of("MON", "TUE", "WED", "THU", "FRI"), "08:00", "20:00", "Asia/Seoul");

    /** 2026-12-07 is a Monday. */
    private static Instant seoul(String local) {
        return LocalDateTime.parse(local).atZone(SEOUL).toInstant();
    }

    @Test
    void weekdayHoursAreOpenAndTheirEdgesAreHalfOpen() {
        assertFalse(WEEKDAYS.isOpen(seoul("2026-12-07T07:59")));
        assertTrue(WEEKDAYS.isOpen(seoul("2026-12-07T08:00")));
        assertTrue(WEEKDAYS.isOpen(seoul("2026-12-07T19:59")));
        assertFalse(WEEKDAYS.isOpen(seoul("2026-12-07T20:00")));
        assertFalse(WEEKDAYS.isOpen(seoul("2026-12-12T10:00")), "a Saturday");
    }

    @Test
    void theNextOpeningSkipsTheWeekendAndIsNowWhenOpen() {
        assertEquals(seoul("2026-12-14T08:00"), WEEKDAYS.nextOpening(seoul("2026-12-11T20:00")));
        assertEquals(seoul("2026-12-08T08:00"), WEEKDAYS.nextOpening(seoul("2026-12-07T21:30")));
        assertEquals(seoul("2026-12-07T08:00"), WEEKDAYS.nextOpening(seoul("2026-12-07T03:00")));
        Instant open = seoul("2026-12-07T12:00");
        assertEquals(open, WEEKDAYS.nextOpening(open));
        assertEquals(seoul("2026-12-07T20:00"), WEEKDAYS.nextClosing(open));
        assertNull(WEEKDAYS.nextClosing(seoul("2026-12-07T21:00")), "closed: no closing");
    }

    @Test
    void anOvernightWindowOpensOnItsDayAndClosesTheNextMorning() {
        SendingWindow nights = SendingWindow.parse(List.of("fri"), "22:00", "06:00", "Asia/Seoul");
        assertTrue(nights.isOpen(seoul("2026-12-11T23:00")));
        assertTrue(nights.isOpen(seoul("2026-12-12T05:59")), "Saturday morning, the Friday window");
        assertFalse(nights.isOpen(seoul("2026-12-12T06:00")));
        assertFalse(nights.isOpen(seoul("2026-12-12T23:00")), "Saturday is not listed");
        assertFalse(nights.isOpen(seoul("2026-12-11T05:00")), "Friday morning belongs to Thursday's window");
        assertEquals(seoul("2026-12-12T06:00"), nights.nextClosing(seoul("2026-12-11T23:00")));
        assertEquals(seoul("2026-12-18T22:00"), nights.nextOpening(seoul("2026-12-12T06:00")));
    }

    @Test
    void equalTimesMeanTheWholeDayAndTouchingDaysCloseOnce() {
        SendingWindow weekend = SendingWindow.parse(List.of("Saturday", "Sunday"), "00:00", "00:00", "Asia/Seoul");
        assertTrue(weekend.isOpen(seoul("2026-12-12T00:00")));
        assertTrue(weekend.isOpen(seoul("2026-12-13T23:59")));
        assertFalse(weekend.isOpen(seoul("2026-12-14T00:00")));
        assertEquals(seoul("2026-12-14T00:00"), weekend.nextClosing(seoul("2026-12-12T09:00")));

        SendingWindow always =
                SendingWindow.parse(List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"), "00:00", "00:00", "UTC");
        assertTrue(always.isOpen(Instant.parse("2026-12-09T12:00:00Z")));
        assertNull(always.nextClosing(Instant.parse("2026-12-09T12:00:00Z")), "never closes");
    }

    @Test
    void daylightSavingDaysKeepTheirLocalHours() {
        SendingWindow early = SendingWindow.parse(List.of("SUN"), "02:30", "04:00", "Europe/Berlin");
        // 2027-03-28: clocks go from 02:00 to 03:00 in Berlin; 02:30 does not exist and moves to 03:30.
        Instant opens = early.nextOpening(
                LocalDateTime.parse("2027-03-28T00:00").atZone(BERLIN).toInstant());
        assertEquals(LocalDateTime.parse("2027-03-28T03:30").atZone(BERLIN).toInstant(), opens);
        SendingWindow office = SendingWindow.parse(List.of("MON"), "09:00", "17:00", "Europe/Berlin");
        // After the change 09:00 local is 07:00 UTC, before it 08:00 UTC.
        assertEquals(Instant.parse("2027-03-29T07:00:00Z"), office.nextOpening(Instant.parse("2027-03-28T12:00:00Z")));
        assertEquals(Instant.parse("2027-03-22T08:00:00Z"), office.nextOpening(Instant.parse("2027-03-21T12:00:00Z")));
    }

    @Test
    void describesDaysAsRangesInTheAdminsLanguage() {
        assertEquals("Mon-Fri 08:00-20:00 Asia/Seoul", WEEKDAYS.describe());
        SendingWindow mixed = SendingWindow.parse(List.of("SAT", "MON", "WED", "SUN"), "22:00", "06:00", "UTC");
        assertEquals("Mon, Wed, Sat, Sun 22:00-06:00 UTC", mixed.describe());
        assertEquals("MON,WED,SAT,SUN", mixed.daysColumn());
        assertEquals(mixed.days(), SendingWindow.fromDaysColumn(mixed.daysColumn()));
        assertEquals("월-금", WEEKDAYS.describeDays(Locale.KOREAN));
    }

    @Test
    void hostileOrWrongInputIsRefusedWithItsName() {
        IllegalArgumentException day = assertThrows(
                IllegalArgumentException.class,
                () -> SendingWindow.parse(List.of("MON", "Funday\r\nX-Evil: 1"), "08:00", "20:00", "UTC"));
        assertEquals("'Funday??X-Evil: 1' is not a day of the week (MON, TUE ... SUN)", day.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SendingWindow.parse(List.of("M"), "08:00", "20:00", "UTC"));
        IllegalArgumentException hour = assertThrows(
                IllegalArgumentException.class, () -> SendingWindow.parse(List.of("MON"), "24:00", "20:00", "UTC"));
        assertEquals("from '24:00' is not a time of day HH:mm (00:00 to 23:59)", hour.getMessage());
        IllegalArgumentException zone = assertThrows(
                IllegalArgumentException.class,
                () -> SendingWindow.parse(List.of("MON"), "08:00", "20:00", "../../etc/passwd"));
        assertEquals("'../../etc/passwd' is not a time zone (e.g. Asia/Seoul)", zone.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SendingWindow.parse(List.of(), "08:00", "20:00", "UTC"));
        assertThrows(IllegalArgumentException.class, () -> SendingWindow.parse(List.of("MON"), null, "20:00", "UTC"));
    }
}
