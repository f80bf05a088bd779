package org.sluice.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ErrorPageTest {

    @Test
    void aMissingCampaignIsNamedOnTheNotFoundPageEscaped() {
        String html = ErrorPage.of(404, "No campaign with id '<script>x</script>'.", null, Locale.ENGLISH)
                .html("/sluice");

        assertTrue(html.startsWith("<!DOCTYPE html>\n<html lang=\"en\">"), html);
        assertTrue(html.contains("<title>Not found - Sluice</title>"), html);
        assertTrue(html.contains("<h1>Not found</h1>"), html);
        assertTrue(html.contains("No campaign with id &#39;&lt;script&gt;x&lt;/script&gt;&#39;."), html);
        assertFalse(html.contains("<script>"), html);
        assertFalse(html.contains("Reference"), html);
    }

    @Test
    void aServerErrorShowsOnlyItsReference() {
        ErrorPage page = ErrorPage.of(500, "jakarta.ejb.EJBException: boom", "0a1b2c3d4e", Locale.ENGLISH);

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
                ErrorPage.of(401, null, null, Locale.ENGLISH).json());
        assertEquals(
                "Not allowed", ErrorPage.of(403, null, null, Locale.ENGLISH).title());
    }

    @Test
    void undertowsOwnNotFoundMessageGivesTheGeneralSentence() {
        assertEquals(
                "There is nothing at this address.",
                ErrorPage.of(404, "Not Found", null, Locale.ENGLISH).text());
    }

    @Test
    void aKoreanServerErrorPageIsDeclaredKoreanAndSaysEverythingInKorean() {
        String html = ErrorPage.of(500, "boom", "0a1b2c3d4e", Locale.KOREAN).html("/sluice");

        assertTrue(html.contains("<html lang=\"ko\">"), html);
        assertTrue(html.contains("<title>문제가 발생했습니다 - Sluice</title>"), html);
        assertTrue(html.contains("<h1>문제가 발생했습니다</h1>"), html);
        assertTrue(html.contains("관리자에게 다음 참조 번호를 알려 주세요"), html);
        assertTrue(html.contains("<p>참조 번호 <strong id=\"reference\">0a1b2c3d4e</strong></p>"), html);
        assertTrue(html.contains("/sluice/campaigns.xhtml\">캠페인</a>"), html);
        assertFalse(html.contains("Reference") || html.contains("Something went wrong"), html);
    }

    @Test
    void aKoreanNotFoundPageKeepsTheApplicationsDetailButNotUndertowsReasonPhrase() {
        assertEquals(
                "찾을 수 없음", ErrorPage.of(404, "Not Found", null, Locale.KOREAN).title());
        assertEquals(
                "이 주소에는 아무것도 없습니다.",
                ErrorPage.of(404, "Not Found", null, Locale.KOREAN).text());
        assertEquals(
                "ID가 5인 캠페인이 없습니다",
                ErrorPage.of(404, "ID가 5인 캠페인이 없습니다", null, Locale.KOREAN).text());
        assertEquals(
                "시도 횟수 초과",
                ErrorPage.of(429, "Too Many Requests", null, Locale.KOREAN).title());
        assertEquals(
                "요청이 너무 많습니다. 잠시 후 다시 시도하세요.",
                ErrorPage.of(429, "Too Many Requests", null, Locale.KOREAN).text());
        assertEquals("허용되지 않음", ErrorPage.of(403, null, null, Locale.KOREAN).title());
        assertEquals("로그인 필요", ErrorPage.of(401, null, null, Locale.KOREAN).title());
        assertEquals("이해할 수 없는 요청", ErrorPage.of(400, null, null, Locale.KOREAN).title());
    }

    @Test
    void theLanguageIsTheSessionsChoiceElseTheBrowsersFirstKnownElseEnglish() {
        assertEquals(Locale.KOREAN, ConsoleLanguage.of("ko", locales("en-US")), "the session's choice wins");
        assertEquals(Locale.ENGLISH, ConsoleLanguage.of("en", locales("ko-KR")));
        assertEquals(Locale.KOREAN, ConsoleLanguage.of(null, locales("ko-KR", "en")));
        assertEquals(Locale.KOREAN, ConsoleLanguage.of(null, locales("fr-FR", "ko")), "the first the console has");
        assertEquals(Locale.ENGLISH, ConsoleLanguage.of(null, locales("fr-FR", "de")), "none known: English");
        assertEquals(Locale.ENGLISH, ConsoleLanguage.of(null, null), "no Accept-Language: English");
        assertEquals(
                Locale.KOREAN,
                ConsoleLanguage.of("<script>", locales("ko")),
                "a session value that is not a language is ignored");
        assertEquals(Locale.ENGLISH, ConsoleLanguage.of(Locale.KOREAN, null), "only the stored tag counts");
    }

    private static java.util.Enumeration<Locale> locales(String... tags) {
        return Collections.enumeration(
                List.of(tags).stream().map(Locale::forLanguageTag).toList());
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
