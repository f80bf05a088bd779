package org.sluice.it.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sluice.it.Deployments;
import org.sluice.it.LoopbackClient;
import org.sluice.it.SluiceRest;
import org.sluice.it.SluiceUsers;

/**
 * The console at the HTTP level: the security headers of pages and error pages; errors that show a sentence and,
 * for a server error, a reference found in the server log, never an exception or stack trace; the login throttle,
 * attacked from other loopback addresses (127.0.0.2, 127.0.0.3: distinct clients for the server on 127.0.0.1) while
 * the real user logs in from 127.0.0.1. The test server's limits (arquillian.xml): 100 failures per address, 35 per
 * address and user name.
 */
@ExtendWith(ArquillianExtension.class)
class ConsoleSecurityIT {

    private static final int PORT = 8080 + 100;
    private static final String BASE = "http://127.0.0.1:" + PORT + "/sluice";
    private static final int PER_USER_LIMIT = 35;
    /** What a stack trace or the container's own error page would show. */
    private static final List<String> LEAKS =
            List.of("Exception", "\tat ", "at org.", "at jakarta.", "at io.undertow", "Undertow", "Caused by");

    private final SluiceRest admin = new SluiceRest(100, SluiceUsers.ADMIN);

    @Deployment(name = "sluice", testable = false)
    static EnterpriseArchive sluice() {
        return Deployments.sluiceEar();
    }

    @Test
    void pagesCarryANonceContentSecurityPolicyAndEveryResponseTheOtherSecurityHeaders() throws Exception {
        HttpClient browser = browser();
        HttpResponse<String> login = get(browser, "/login.xhtml");
        assertEquals(200, login.statusCode());
        assertPageHeaders(login);

        assertEquals(
                302,
                formLogin(browser, login.body(), SluiceUsers.VIEWER.user(), SluiceUsers.VIEWER.password())
                        .statusCode());
        HttpResponse<String> campaigns = get(browser, "/campaigns.xhtml");
        assertEquals(200, campaigns.statusCode());
        assertPageHeaders(campaigns);

        HttpResponse<String> notFound = get(browser, "/monitor.xhtml?id=987654321");
        assertEquals(404, notFound.statusCode());
        assertCommonHeaders(notFound);
        String policy = notFound.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(policy.contains("default-src 'none'") && policy.contains("frame-ancestors 'self'"), policy);
    }

    @Test
    void anUnknownOrMalformedCampaignIdAnswers404WithASentenceNotAStackTrace() throws Exception {
        HttpClient browser = browser();
        formLogin(
                browser, get(browser, "/login.xhtml").body(), SluiceUsers.VIEWER.user(), SluiceUsers.VIEWER.password());
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("/monitor.xhtml?id=987654321", "No campaign with id &#39;987654321&#39;.");
        expected.put("/campaign.xhtml?id=987654321", "No campaign with id &#39;987654321&#39;.");
        expected.put("/recipients.xhtml?id=987654321", "No campaign with id &#39;987654321&#39;.");
        expected.put("/monitor.xhtml?id=3%27%3Cb%3E", "No campaign with id &#39;3&#39;&lt;b&gt;&#39;.");
        expected.put("/recipients.xhtml", "No campaign with id &#39;&#39;.");
        expected.put("/no-such-page", "There is nothing at this address.");
        expected.forEach((path, sentence) -> {
            HttpResponse<String> page = get(browser, path);
            assertEquals(404, page.statusCode(), path + ": " + page.body());
            assertTrue(page.body().contains(sentence), path + ": " + page.body());
            assertNoLeak(path, page.body());
        });
    }

    @Test
    void aBookmarkedPageIsWhereTheLoginLeadsWithItsQueryString() throws Exception {
        long campaign = admin.createCampaign("bookmarked", "Hi", "Hello", "<p>Hello</p>", 10, 1);
        HttpClient browser = browser();
        HttpResponse<String> asked = get(browser, "/monitor.xhtml?id=" + campaign);
        assertEquals(302, asked.statusCode());
        HttpResponse<String> loggedIn = formLogin(
                browser, get(browser, "/login.xhtml").body(), SluiceUsers.VIEWER.user(), SluiceUsers.VIEWER.password());
        assertEquals(302, loggedIn.statusCode());
        assertEquals(
                BASE + "/monitor.xhtml?id=" + campaign,
                URI.create(BASE)
                        .resolve(loggedIn.headers().firstValue("Location").orElseThrow())
                        .toString());
        HttpResponse<String> monitor = get(browser, "/monitor.xhtml?id=" + campaign);
        assertEquals(200, monitor.statusCode(), monitor.body());
        assertTrue(monitor.body().contains("Monitor: bookmarked"), monitor.body());
        HttpResponse<String> edit = get(browser, "/campaign.xhtml?id=" + campaign);
        assertEquals(200, edit.statusCode(), edit.body());
        assertTrue(edit.body().contains("value=\"bookmarked\""), edit.body());
    }

    @Test
    void brokenRequestsGetAnErrorPageOrAFreshPageNeverAStackTrace() throws Exception {
        HttpClient browser = browser();
        String loginPage = get(browser, "/login.xhtml").body();
        formLogin(browser, loginPage, SluiceUsers.VIEWER.user(), SluiceUsers.VIEWER.password());

        // A postback whose view state the server does not hold (expired, or forged): the page is loaded again.
        HttpResponse<String> expired = post(
                browser,
                "/campaigns.xhtml",
                Map.of("campaigns", "campaigns", "jakarta.faces.ViewState", "-123:456"),
                Map.of());
        assertEquals(302, expired.statusCode(), expired.body());
        assertNoLeak("expired postback", expired.body());
        HttpResponse<String> expiredAjax = post(
                browser,
                "/campaigns.xhtml",
                Map.of(
                        "jakarta.faces.partial.ajax",
                        "true",
                        "jakarta.faces.source",
                        "campaigns",
                        "jakarta.faces.partial.execute",
                        "@all",
                        "campaigns",
                        "campaigns",
                        "jakarta.faces.ViewState",
                        "-123:456"),
                Map.of("Faces-Request", "partial/ajax"));
        assertTrue(expiredAjax.body().contains("<redirect url=\"/sluice/campaigns.xhtml\""), expiredAjax.body());
        assertNoLeak("expired Ajax postback", expiredAjax.body());

        // Requests the server fails on: whatever the status, a sentence; a server error's reference is in the log.
        List<String> seen = new ArrayList<>();
        for (HttpRequest.Builder broken : List.of(
                HttpRequest.newBuilder(URI.create(BASE + "/campaigns.xhtml"))
                        .header("Content-Type", "multipart/form-data; boundary=x")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb")),
                HttpRequest.newBuilder(URI.create(BASE + "/campaigns.xhtml"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("campaigns=campaigns&jakarta.faces.ViewState=%zz%")),
                HttpRequest.newBuilder(URI.create(BASE + "/error?ref=0a1b2c3d4e"))
                        .GET())) {
            HttpResponse<String> response = browser.send(broken.build(), HttpResponse.BodyHandlers.ofString());
            seen.add(response.statusCode() + " " + response.request().uri());
            assertNoLeak(response.request().uri().toString(), response.body());
            if (response.statusCode() >= 500) {
                Matcher reference =
                        Pattern.compile("id=\"reference\">([0-9a-f]{10})<").matcher(response.body());
                assertTrue(reference.find(), response.body());
                if (!response.request().uri().toString().contains("ref=")) {
                    assertTrue(
                            serverLog().contains("Error " + reference.group(1)),
                            "reference " + reference.group(1) + " logged");
                }
            }
        }
        System.out.println("broken requests answered: " + seen);
    }

    @Test
    void fortyWrongPasswordsForTheAdminFromOneAddressBlockThatAddressNotTheAdmin() throws Exception {
        LoopbackClient attacker = new LoopbackClient("127.0.0.2", PORT);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < PER_USER_LIMIT + 5; i++) {
            statuses.add(attackerLogin(attacker, SluiceUsers.ADMIN.user(), "guess-" + i)
                    .status());
        }
        // Checked and refused (the login page again, 200) up to the limit; then 429 without a check.
        assertEquals(
                List.of(200),
                statuses.subList(0, PER_USER_LIMIT).stream().distinct().toList(),
                statuses.toString());
        assertEquals(
                List.of(429),
                statuses.subList(PER_USER_LIMIT, statuses.size()).stream()
                        .distinct()
                        .toList(),
                statuses.toString());

        // The right password from the attacker's address is not even checked: that address waits.
        LoopbackClient.Response refused =
                attackerLogin(attacker, SluiceUsers.ADMIN.user(), SluiceUsers.ADMIN.password());
        assertEquals(429, refused.status());
        assertTrue(refused.body().contains("Too many failed logins from your address"), refused.body());
        assertTrue(
                Integer.parseInt(refused.header("Retry-After").orElse("0")) > 0,
                refused.headers().toString());

        // The admin, elsewhere, logs in: neither Sluice nor the realm (Elytron's own lockout counts 35 failures) locked
        // them out.
        HttpClient adminBrowser = browser();
        HttpResponse<String> adminLogin = formLogin(
                adminBrowser,
                get(adminBrowser, "/login.xhtml").body(),
                SluiceUsers.ADMIN.user(),
                SluiceUsers.ADMIN.password());
        assertEquals(302, adminLogin.statusCode(), adminLogin.body());
        assertEquals(200, get(adminBrowser, "/campaigns.xhtml").statusCode());
        assertEquals(200, admin.raw("GET", "campaigns", null, null).statusCode(), "the admin's scripts too");
    }

    @Test
    void aSpoofedForwardedForDoesNotEscapeTheThrottleOfBasicLogins() {
        LoopbackClient attacker = new LoopbackClient("127.0.0.3", PORT);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i <= PER_USER_LIMIT; i++) {
            // A different claimed origin each time: the server must count the connection's address, not this header.
            statuses.add(attacker.get(
                            "/sluice/campaigns.xhtml",
                            Map.of(
                                    "Authorization",
                                    basic(SluiceUsers.OPERATOR.user(), "guess-" + i),
                                    "X-Forwarded-For",
                                    "198.51.100." + i,
                                    "Forwarded",
                                    "for=198.51.100." + i))
                    .status());
        }
        assertEquals(
                List.of(401),
                statuses.subList(0, PER_USER_LIMIT).stream().distinct().toList(),
                statuses.toString());
        assertEquals(429, statuses.get(PER_USER_LIMIT), statuses.toString());
        LoopbackClient.Response right = attacker.get(
                "/sluice/campaigns.xhtml",
                Map.of("Authorization", basic(SluiceUsers.OPERATOR.user(), SluiceUsers.OPERATOR.password())));
        assertEquals(429, right.status(), "refused without a check while the address is blocked");
        assertTrue(right.header("Retry-After").isPresent(), right.headers().toString());
        assertEquals(
                200,
                new SluiceRest(100, SluiceUsers.OPERATOR)
                        .raw("GET", "campaigns", null, null)
                        .statusCode(),
                "the operator from another address");
    }

    // --- helpers -------------------------------------------------------------------------------------

    private static LoopbackClient.Response attackerLogin(LoopbackClient attacker, String user, String password) {
        LoopbackClient.Response form = attacker.get("/sluice/login.xhtml", Map.of());
        String cookie = form.header("Set-Cookie").orElseThrow().split(";")[0];
        // What PrimeFaces' script adds to a postback in a browser: the nonce of the page's Content-Security-Policy.
        Matcher nonce = Pattern.compile("'nonce-([^']+)'")
                .matcher(form.header("Content-Security-Policy").orElse(""));
        assertTrue(nonce.find(), form.headers().toString());
        return attacker.post(
                "/sluice/login.xhtml",
                Map.of("Cookie", cookie),
                formBody(viewState(form.body()), user, password) + "&primefaces.nonce="
                        + URLEncoder.encode(nonce.group(1), StandardCharsets.UTF_8));
    }

    private static void assertPageHeaders(HttpResponse<String> page) {
        assertCommonHeaders(page);
        String policy = String.join(", ", page.headers().allValues("Content-Security-Policy"));
        assertTrue(policy.contains("frame-ancestors 'self'"), policy);
        Matcher nonce = Pattern.compile("script-src 'self' 'nonce-([^']+)'").matcher(policy);
        assertTrue(nonce.find(), policy);
        assertFalse(policy.contains("unsafe-inline'; ") && policy.contains("script-src 'self' 'unsafe-inline"), policy);
        assertTrue(page.body().contains("nonce=\"" + nonce.group(1) + "\""), "the page's scripts carry the nonce");
    }

    private static void assertCommonHeaders(HttpResponse<String> response) {
        assertEquals(
                "nosniff",
                response.headers().firstValue("X-Content-Type-Options").orElse(""),
                response.headers().map().toString());
        assertEquals(
                "same-origin",
                response.headers().firstValue("Referrer-Policy").orElse(""),
                response.headers().map().toString());
        assertEquals(
                "SAMEORIGIN",
                response.headers().firstValue("X-Frame-Options").orElse(""),
                response.headers().map().toString());
    }

    private static void assertNoLeak(String what, String body) {
        for (String leak : LEAKS) {
            assertFalse(body.contains(leak), what + " shows '" + leak + "': " + body);
        }
    }

    private static String serverLog() throws Exception {
        return Files.readString(Path.of(System.getProperty("sluice.it.base"), "log", "server.log"));
    }

    private static HttpClient browser() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    }

    private static HttpResponse<String> get(HttpClient browser, String path) {
        try {
            return browser.send(
                    HttpRequest.newBuilder(URI.create(BASE + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError("GET " + path, e);
        }
    }

    private static HttpResponse<String> post(
            HttpClient browser, String path, Map<String, String> form, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(BASE + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)));
        headers.forEach(request::header);
        return browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> formLogin(HttpClient browser, String formPage, String user, String password)
            throws Exception {
        Matcher nonce = Pattern.compile("nonce=\"([^\"]+)\"").matcher(formPage);
        assertTrue(nonce.find(), formPage);
        return browser.send(
                HttpRequest.newBuilder(URI.create(BASE + "/login.xhtml"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(formBody(viewState(formPage), user, password)
                                + "&primefaces.nonce=" + URLEncoder.encode(nonce.group(1), StandardCharsets.UTF_8)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String viewState(String formPage) {
        Matcher state = Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"")
                .matcher(formPage);
        assertTrue(state.find(), formPage);
        return state.group(1);
    }

    private static String formBody(String viewState, String user, String password) {
        return encode(Map.of(
                "login",
                "login",
                "login:username",
                user,
                "login:password",
                password,
                "login:submit",
                "Log in",
                "jakarta.faces.ViewState",
                viewState));
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String basic(String user, String password) {
        return "Basic "
                + java.util.Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
