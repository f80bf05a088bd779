package org.sluice.event.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookUrlTest {

    @Test
    void takesHttpAndHttpsUrls() {
        assertEquals(
                "https://crm.example/hooks/sluice?x=1",
                WebhookUrl.check("https://crm.example/hooks/sluice?x=1").toString());
        assertEquals(8443, WebhookUrl.check("http://10.0.0.5:8443/in").getPort());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "crm.example/in",
                "ftp://crm.example/in",
                "file:///etc/passwd",
                "jar:file:/x!/y",
                "https://user:secret@crm.example/in",
                "https://crm.example/in#frag",
                "https://crm.example/in\r\nX-Injected: 1",
                "https://crm.example/a b",
                "https:///nohost",
            })
    void refusesWhatIsNotAPlainHttpUrl(String url) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> WebhookUrl.check(url));
        assertTrue(refused.getMessage().startsWith("url "), refused.getMessage());
    }

    @Test
    void refusesAnOverlongUrl() {
        String url = "https://crm.example/" + "a".repeat(WebhookUrl.MAX_LENGTH);
        assertThrows(IllegalArgumentException.class, () -> WebhookUrl.check(url));
    }
}
