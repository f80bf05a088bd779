package org.sluice.unsubscribe;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UnsubscribePageTest {

    @Test
    void theConfirmationPageAsksWithAFormThatPostsTheOneClickField() {
        String page = UnsubscribePage.confirm("alice@example.org", false);

        assertTrue(page.contains("<form method=\"post\" action=\"\">"), page);
        assertTrue(page.contains("name=\"List-Unsubscribe\" value=\"One-Click\""), page);
        assertTrue(page.contains("name=\"via\" value=\"page\""), page);
        assertTrue(page.contains("alice@example.org"), page);
    }

    @Test
    void addressesAndReasonsAreEscaped() {
        String page = UnsubscribePage.confirm("\"<script>alert(1)</script>\"@example.org", false)
                + UnsubscribePage.done("a&b'@example.org")
                + UnsubscribePage.refused("<img src=x onerror=y>");

        assertFalse(page.contains("<script>") || page.contains("<img"), page);
        assertTrue(page.contains("&quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot;@example.org"), page);
        assertTrue(page.contains("a&amp;b&#39;@example.org"), page);
    }

    @Test
    void anAddressAlreadyUnsubscribedGetsNoForm() {
        String page = UnsubscribePage.confirm("alice@example.org", true);

        assertTrue(page.contains("already unsubscribed"), page);
        assertFalse(page.contains("<form"), page);
    }
}
