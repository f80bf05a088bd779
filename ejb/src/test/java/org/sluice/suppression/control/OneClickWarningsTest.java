package org.sluice.suppression.control;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OneClickWarningsTest {

    private final UnsubscribeToken tokens =
            new UnsubscribeToken("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    private final Logger logger = Logger.getLogger(OneClickWarnings.class.getName());
    private final List<LogRecord> logged = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void capture() {
        logger.addHandler(capture);
    }

    @AfterEach
    void release() {
        logger.removeHandler(capture);
    }

    @Test
    void httpOnLoopbackIsWarnedAboutOncePerCampaignNamingTheSettingAndValue() {
        OneClickWarnings warnings = new OneClickWarnings();
        ListUnsubscribe loopback =
                new ListUnsubscribe("http://127.0.0.1:8080/sluice", "unsubscribe@example.com", tokens);
        String setting = "sluice.public.url 'http://127.0.0.1:8080/sluice'";

        String first = warnings.warnOnce(5, loopback, setting);
        String again = warnings.warnOnce(5, loopback, setting);
        String other = warnings.warnOnce(6, loopback, setting);

        assertAll(
                () -> assertEquals(
                        "Campaign 5: sluice.public.url 'http://127.0.0.1:8080/sluice' is not https, so its messages"
                                + " carry List-Unsubscribe but no List-Unsubscribe-Post (RFC 8058 one-click"
                                + " unsubscribe needs an https URL). Right for a trial on this machine only: set"
                                + " sluice.public.url to an https address recipients can reach before mailing"
                                + " anyone.",
                        first),
                () -> assertNull(again, "the same campaign again"),
                () -> assertEquals(true, other.startsWith("Campaign 6: "), other),
                () -> assertEquals(List.of(Level.WARNING, Level.WARNING), levels()),
                () -> assertEquals(first, logged.get(0).getMessage()));
    }

    @Test
    void httpsIsNeverWarnedAbout() {
        OneClickWarnings warnings = new OneClickWarnings();
        ListUnsubscribe https = new ListUnsubscribe("https://mail.example.com", "unsubscribe@example.com", tokens);

        assertNull(warnings.warnOnce(5, https, "sluice.public.url 'https://mail.example.com'"));
        assertEquals(List.of(), levels());
    }

    private List<Level> levels() {
        return logged.stream().map(LogRecord::getLevel).toList();
    }
}
