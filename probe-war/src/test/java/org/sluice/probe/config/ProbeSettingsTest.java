package org.sluice.probe.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ProbeSettingsTest {

    @Test
    void defaultsReadPostfixSpoolEverySecond() {
        ProbeSettings s = ProbeSettings.from(Map.of());

        assertEquals("postfix", s.queueReader());
        assertEquals(Path.of("/var/spool/postfix"), s.postfixQueueDirectory());
        assertEquals(Path.of("/var/spool/postfix"), s.spoolPath());
        assertNull(s.queueCommand());
        assertEquals(Duration.ofMillis(1000), s.refreshInterval());
        assertFalse(s.probeId().isBlank());
    }

    @Test
    void everyPropertyIsRead() {
        ProbeSettings s = ProbeSettings.from(Map.of(
                "sluice.probe.id", "mta1",
                "sluice.probe.queue-reader", "exim",
                "sluice.probe.postfix-queue-directory", "/srv/postfix",
                "sluice.probe.queue-command", "/usr/sbin/exim4 -bpc",
                "sluice.probe.spool-path", "/var/spool/exim4",
                "sluice.probe.refresh-millis", "250"));

        assertEquals(
                new ProbeSettings(
                        "mta1",
                        "exim",
                        Path.of("/srv/postfix"),
                        "/usr/sbin/exim4 -bpc",
                        Path.of("/var/spool/exim4"),
                        Duration.ofMillis(250)),
                s);
    }

    @Test
    void blankValuesMeanTheDefault() {
        ProbeSettings s = ProbeSettings.from(
                Map.of("sluice.probe.id", " ", "sluice.probe.queue-reader", "", "sluice.probe.refresh-millis", ""));

        assertEquals(ProbeSettings.from(Map.of()), s);
    }

    @ParameterizedTest
    @CsvSource({
        "postfix,   /var/spool/postfix",
        "postqueue, /var/spool/postfix",
        "exim,      /",
        "sendmail,  /",
        "none,      /"
    })
    void spoolPathDefaultsToPostfixsQueueDirectoryOnlyForPostfixReaders(String reader, String spool) {
        ProbeSettings s = ProbeSettings.from(Map.of("sluice.probe.queue-reader", reader));

        assertEquals(Path.of(spool), s.spoolPath());
    }

    @Test
    void spoolPathDefaultFollowsAConfiguredPostfixDirectory() {
        ProbeSettings s = ProbeSettings.from(Map.of("sluice.probe.postfix-queue-directory", "/srv/postfix"));

        assertEquals(Path.of("/srv/postfix"), s.spoolPath());
    }

    @Test
    void commandIsIgnoredByReadersThatRunNone() {
        ProbeSettings s = ProbeSettings.from(
                Map.of("sluice.probe.queue-reader", "postfix", "sluice.probe.queue-command", "echo 1"));

        assertNull(s.queueCommand());
    }

    @Test
    void commandReaderKeepsItsCommand() {
        ProbeSettings s = ProbeSettings.from(Map.of(
                "sluice.probe.queue-reader",
                "command",
                "sluice.probe.queue-command",
                "  find /var/spool/mail -type f | wc -l "));

        assertEquals("find /var/spool/mail -type f | wc -l", s.queueCommand());
        assertEquals(Path.of("/"), s.spoolPath());
    }

    static List<Arguments> invalidProperties() {
        return List.of(
                Arguments.of(
                        Map.of("sluice.probe.queue-reader", "qmail"),
                        "sluice.probe.queue-reader is 'qmail': must be one of postfix, postqueue, exim, sendmail, command, none"),
                Arguments.of(
                        Map.of("sluice.probe.queue-reader", "Postfix"),
                        "sluice.probe.queue-reader is 'Postfix': must be one of postfix, postqueue, exim, sendmail, command, none"),
                Arguments.of(
                        Map.of("sluice.probe.queue-reader", "command"),
                        "sluice.probe.queue-command is not set: required with sluice.probe.queue-reader=command"
                                + " (a shell command printing the total, or 'incoming active deferred')"),
                Arguments.of(
                        Map.of("sluice.probe.refresh-millis", "1s"),
                        "sluice.probe.refresh-millis is '1s': must be a whole number of milliseconds, 50 or more"),
                Arguments.of(
                        Map.of("sluice.probe.refresh-millis", "49"),
                        "sluice.probe.refresh-millis is '49': must be a whole number of milliseconds, 50 or more"),
                Arguments.of(
                        Map.of("sluice.probe.refresh-millis", "-1000"),
                        "sluice.probe.refresh-millis is '-1000': must be a whole number of milliseconds, 50 or more"),
                Arguments.of(
                        Map.of("sluice.probe.spool-path", "/var/spool/\0"),
                        "sluice.probe.spool-path is '/var/spool/\0': not a valid path (Nul character not allowed)"));
    }

    @ParameterizedTest
    @MethodSource("invalidProperties")
    void invalidValueIsRejectedNamingPropertyValueAndWhatIsAllowed(Map<String, String> properties, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProbeSettings.from(properties));

        assertEquals(message, e.getMessage());
    }

    @Test
    void refreshOfExactly50MillisIsAllowed() {
        assertEquals(
                Duration.ofMillis(50),
                ProbeSettings.from(Map.of("sluice.probe.refresh-millis", "50")).refreshInterval());
    }

    @Test
    void aFormerNameIsStillReadAndTheNewNameWins() {
        assertEquals(
                "exim",
                ProbeSettings.from(Map.of("sluice.probe.queue.reader", "exim")).queueReader());
        assertEquals(
                Duration.ofMillis(300),
                ProbeSettings.from(Map.of("sluice.probe.refresh.millis", "200", "sluice.probe.refresh-millis", "300"))
                        .refreshInterval());
    }

    @Test
    void systemPropertiesAreReadThroughMicroProfileConfig() {
        String key = "sluice.probe.id";
        String before = System.getProperty(key);
        System.setProperty(key, "probe-from-system-properties");
        try {
            assertEquals(
                    "probe-from-system-properties", ProbeSettings.fromConfig().probeId());
        } finally {
            if (before == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, before);
            }
        }
    }
}
