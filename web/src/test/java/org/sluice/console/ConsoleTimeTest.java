package org.sluice.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConsoleTimeTest {

    @Test
    void takesTheBrowsersZoneAsItsCookieCarriesIt() {
        assertEquals(ZoneId.of("Asia/Seoul"), ConsoleTime.parse("Asia/Seoul"));
        assertEquals(
                ZoneId.of("America/Argentina/Buenos_Aires"), ConsoleTime.parse("America%2FArgentina%2FBuenos_Aires"));
        assertEquals(ZoneId.of("UTC"), ConsoleTime.parse("UTC"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "Mars/Olympus_Mons",
                "Asia/Seoul\r\nSet-Cookie: x=1",
                "../../etc/passwd",
                "+09:00",
                "Asia/Seoul<script>",
                "Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/B"
            })
    void anythingElseIsNoZone(String cookie) {
        assertNull(ConsoleTime.parse(cookie));
    }
}
