package org.sluice.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.DayOfWeek;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WeekdayTest {

    @Test
    void theApiNamesEachDayByItsFirstThreeLettersMondayFirst() {
        assertEquals(
                Arrays.stream(DayOfWeek.values())
                        .map(d -> d.name().substring(0, 3))
                        .toList(),
                Arrays.stream(DayOfWeek.values()).map(d -> Weekday.of(d).name()).toList());
        assertEquals(Weekday.MON, Weekday.of(DayOfWeek.MONDAY));
        assertEquals(Weekday.SUN, Weekday.of(DayOfWeek.SUNDAY));
    }
}
