package org.sluice.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ErrorPageTest {

    @Test
    void aMissingCampaignIsNamedOnTheNotFoundPageEscaped() {
        String html = ErrorPage.of(404, "No campaign with id '<script>x</script>'.", null)
                .html("/sluice");

        assertTrue(html.contains("<h1>Not found</h1>"), html);
        assertTrue(html.contains("No campaign with id &#39;&lt;script&gt;x&lt;/script&gt;&#39;."), html);
        assertFalse(html.contains("<script>"), html);
        assertFalse(html.contains("Reference"), html);
    }

    @Test
    void aServerErrorShowsOnlyItsReference() {
        ErrorPage page = ErrorPage.of(500, "jakarta.ejb.EJBException: boom", "0a1b2c3d4e");

        assertEquals("Something went wrong", page.title());
        assertTrue(page.html("/sluice").contains("<strong id=\"reference\">0a1b2c3d4e</strong>"));
        assertFalse(page.html("/sluice").contains("Exception"), "the container's message is not shown");
        assertEquals(
                "{\"type\":\"about:blank\",\"title\":\"Internal Server Error\",\"status\":500,\"detail\":\"Something went"
                        + " wrong. The server could not complete this request. If it happens again, give your"
                        + " administrator this reference:\",\"reference\":\"0a1b2c3d4e\"}",
                page.json());
    }

    @Test
    void aRefusedLoginAndAForbiddenPageSaySoAsProblemsForTheApi() {
        assertEquals(
                "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"Login required. The"
                        + " user name or password was missing or wrong.\"}",
                ErrorPage.of(401, null, null).json());
        assertEquals("Not allowed", ErrorPage.of(403, null, null).title());
    }

    @Test
    void undertowsOwnNotFoundMessageGivesTheGeneralSentence() {
        assertEquals(
                "There is nothing at this address.",
                ErrorPage.of(404, "Not Found", null).text());
    }

    @Test
    void onlyWellFormedReferencesAreTakenFromAUrl() {
        assertEquals("0a1b2c3d4e", ErrorReference.parse("0a1b2c3d4e"));
        assertNull(ErrorReference.parse("<b>hi</b>"));
        assertNull(ErrorReference.parse("0A1B2C3D4E"));
        assertTrue(ErrorReference.next().matches("[0-9a-f]{10}"));
    }

    @Test
    void anIdParameterThatIsNotANumberIsNoId() {
        assertEquals(3L, NotFound.id(" 3 "));
        assertNull(NotFound.id("3abc"));
        assertNull(NotFound.id(""));
        assertNull(NotFound.id(null));
    }
}
