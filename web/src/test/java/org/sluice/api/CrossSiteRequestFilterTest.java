package org.sluice.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class CrossSiteRequestFilterTest {

    @Test
    void scriptsAndCurlSendNoOriginAndPass() {
        assertNull(CrossSiteRequestFilter.refusal(null, null, "sluice.example.com"));
    }

    @Test
    void aPageOfTheSameOriginPasses() {
        assertNull(CrossSiteRequestFilter.refusal("http://127.0.0.1:8180", "same-origin", "127.0.0.1:8180"));
        assertNull(CrossSiteRequestFilter.refusal("https://sluice.example.com", null, "sluice.example.com"));
        assertNull(CrossSiteRequestFilter.refusal("https://sluice.example.com", null, "sluice.example.com:443"));
        assertNull(CrossSiteRequestFilter.refusal("http://[::1]:8080", null, "[::1]:8080"));
    }

    @Test
    void aPageOfAnotherOriginIsRefused() {
        assertEquals(
                "sent by a page of another origin (Origin: https://evil.example)",
                CrossSiteRequestFilter.refusal("https://evil.example", null, "sluice.example.com"));
        assertEquals(
                "sent by a page of another origin (Origin: http://127.0.0.1:9999)",
                CrossSiteRequestFilter.refusal("http://127.0.0.1:9999", null, "127.0.0.1:8180"));
        assertEquals(
                "sent by a page of another origin (Origin: null)", CrossSiteRequestFilter.refusal("null", null, "x"));
        assertEquals(
                "sent by a page of another origin (Origin: https://sluice.example.com)",
                CrossSiteRequestFilter.refusal("https://sluice.example.com", null, null));
    }

    @Test
    void aBrowserSayingCrossSiteIsRefusedWhateverTheOrigin() {
        assertEquals(
                "sent by a page of another site (Sec-Fetch-Site: cross-site)",
                CrossSiteRequestFilter.refusal(null, "cross-site", "sluice.example.com"));
        assertEquals(
                "sent by a page of another site (Sec-Fetch-Site: same-site)",
                CrossSiteRequestFilter.refusal(null, "same-site", "sluice.example.com"));
    }
}
