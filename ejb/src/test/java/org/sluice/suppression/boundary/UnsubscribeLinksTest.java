package org.sluice.suppression.boundary;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sluice.suppression.control.ListUnsubscribe;
import org.sluice.suppression.control.OneClickWarnings;

/** The links a campaign start gets from the settings (read through MicroProfile Config from system properties). */
class UnsubscribeLinksTest {

    private final List<String> warnings = new ArrayList<>();
    private final Logger logger = Logger.getLogger(OneClickWarnings.class.getName());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            warnings.add(record.getMessage());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void settings() {
        System.setProperty("sluice.unsubscribe.secret", "0123456789abcdef0123456789abcdef");
        logger.addHandler(capture);
    }

    @AfterEach
    void clear() {
        System.clearProperty("sluice.unsubscribe.secret");
        System.clearProperty("sluice.public.url");
        logger.removeHandler(capture);
    }

    @Test
    void aPlainHttpPublicUrlRefusesTheCampaignStartNamingTheSettingAndValue() {
        System.setProperty("sluice.public.url", "http://mail.example.com/sluice");

        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> new UnsubscribeLinks().forCampaign(3, "news@example.com"));

        assertEquals(
                "public URL 'http://mail.example.com/sluice' must be https: one-click unsubscribe"
                        + " (List-Unsubscribe-Post, RFC 8058) needs an https URL, and http is accepted only on"
                        + " loopback for a trial (sluice.public.url)",
                e.getMessage());
    }

    @Test
    void httpOnLoopbackStartsWithoutOneClickAndWarnsOncePerCampaign() {
        System.setProperty("sluice.public.url", "http://127.0.0.1:8180/sluice");
        UnsubscribeLinks links = new UnsubscribeLinks();

        ListUnsubscribe first = links.forCampaign(3, "news@example.com");
        links.forCampaign(3, "news@example.com"); // a partition, a test copy: no second warning

        assertAll(
                () -> assertFalse(first.oneClick()),
                () -> assertEquals(1, warnings.size(), warnings.toString()),
                () -> assertTrue(
                        warnings.get(0)
                                .startsWith("Campaign 3: sluice.public.url 'http://127.0.0.1:8180/sluice' is not"
                                        + " https, so its messages carry List-Unsubscribe but no"
                                        + " List-Unsubscribe-Post"),
                        warnings.get(0)));
    }

    @Test
    void httpsStartsWithOneClickAndNoWarning() {
        System.setProperty("sluice.public.url", "https://mail.example.com/sluice");

        ListUnsubscribe links = new UnsubscribeLinks().forCampaign(3, "news@example.com");

        assertAll(() -> assertTrue(links.oneClick()), () -> assertEquals(List.of(), warnings));
    }

    @Test
    void theUnsetDefaultIsSaidToBeUnset() {
        new UnsubscribeLinks().forCampaign(4, "news@example.com");

        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(
                warnings.get(0)
                        .startsWith(
                                "Campaign 4: sluice.public.url (unset, so this server on loopback: 'http://127.0.0.1:"),
                warnings.get(0));
    }
}
