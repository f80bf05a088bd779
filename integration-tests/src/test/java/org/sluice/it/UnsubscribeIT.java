package org.sluice.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sluice.testing.RefusingGreenMail;

/**
 * The suppression list end to end: List-Unsubscribe headers in the mail an SMTP server in this JVM receives, the
 * one-click POST (RFC 8058) and the confirmation page over HTTP, the rows in Sluice's database, and the next
 * campaign leaving the address alone. Every test uses addresses of its own: the list is shared by all campaigns.
 */
@ExtendWith(ArquillianExtension.class)
class UnsubscribeIT {

    private static final int PORT_OFFSET = 100;
    private static final int SMTP_PORT = 3100;
    private static final String MTA = "unsubscribe-it";
    private static final Pattern HTTP_URI = Pattern.compile("<(https?://[^>]+)>");

    private static final RefusingGreenMail smtp = new RefusingGreenMail(SMTP_PORT);

    @RegisterExtension
    static final SmtpServerExtension SMTP_SERVER = SmtpServerExtension.startAndStop(smtp);

    private final SluiceRest sluice = new SluiceRest(PORT_OFFSET);
    private final SluiceDatabase database = SluiceDatabase.suiteServer();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Deployment(testable = false)
    static EnterpriseArchive sluice() {
        return Deployments.sluiceEar();
    }

    @BeforeEach
    void mta() throws Exception {
        smtp.purgeEmailFromAllMailboxes();
        sluice.putMta(
                MTA,
                Json.createObjectBuilder()
                        .add("host", "127.0.0.1")
                        .add("port", SMTP_PORT)
                        .add("maxConnections", 2)
                        .build());
    }

    @Test
    void oneClickPostFromAReceivedMessageKeepsTheAddressOutOfTheNextCampaign() throws Exception {
        String quitter = "quitter@oneclick.unsub.test";
        List<String> others = List.of("stays1@oneclick.unsub.test", "stays2@oneclick.unsub.test");
        long first = campaign("one-click 1", List.of(quitter, others.get(0)));
        sendAndAwait(first);
        // Imported before the unsubscribe: PENDING until the unsubscribe marks it.
        long second = campaign("one-click 2", List.of(quitter, others.get(0), others.get(1)));
        assertEquals("PENDING", database.recipients(second).get(quitter).state());

        MimeMessage received = messageTo(first, quitter);
        String[] listUnsubscribe = received.getHeader("List-Unsubscribe");
        assertNotNull(listUnsubscribe, "List-Unsubscribe header");
        assertEquals(1, listUnsubscribe.length);
        assertTrue(
                listUnsubscribe[0].matches(
                        "<mailto:unsubscribe@sluice\\.test\\?subject=unsubscribe%20[0-9.A-Za-z_-]+>, "
                                + "<http://127\\.0\\.0\\.1:8180/sluice/api/unsubscribe/[0-9.A-Za-z_-]+>"),
                listUnsubscribe[0]);
        // The suite's public URL is http on loopback: one-click (RFC 8058) needs https, so no marker is sent;
        // the endpoint still takes the one-click POST below, as it would from an https URL.
        assertNull(received.getHeader("List-Unsubscribe-Post"), "no one-click marker with an http URL");
        assertNotNull(received.getHeader("List-Id"), "List-Id header");
        String url = unsubscribeUrl(received);

        HttpResponse<String> oneClick = post(url, "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click");
        HttpResponse<String> again = post(url, "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click");

        assertEquals(200, oneClick.statusCode(), oneClick.body());
        assertEquals(200, again.statusCode(), again.body());
        assertEquals(
                new SluiceDatabase.SuppressionRow("UNSUBSCRIBED", "one-click POST", first),
                database.suppression(quitter));
        assertEquals("SUPPRESSED", database.recipients(second).get(quitter).state(), "marked by the unsubscribe");
        JsonObject counted = sluice.progress(second).getJsonObject("counts");
        assertEquals(1, counted.getInt("suppressed"), "counted by the unsubscribe: " + counted);
        assertEquals(2, counted.getInt("pending"), counted.toString());
        database.assertCountsEqualARecount(first);
        database.assertCountsEqualARecount(second);
        JsonArray list = Json.createReader(
                        new StringReader(get(base() + "suppressions?limit=1000").body()))
                .readArray();
        assertEquals(
                1,
                list.getValuesAs(JsonObject.class).stream()
                        .filter(e -> e.getString("address").equals(quitter))
                        .count(),
                "listed once: " + list);

        sendAndAwait(second);

        Map<String, SluiceDatabase.RecipientRow> rows = database.recipients(second);
        JsonObject progress = sluice.progress(second);
        assertAll(
                () -> assertEquals(0, messagesTo(second, quitter), "the unsubscribed address gets nothing"),
                () -> assertEquals(1, messagesTo(second, others.get(0))),
                () -> assertEquals(1, messagesTo(second, others.get(1))),
                () -> assertEquals("SUPPRESSED", rows.get(quitter).state()),
                () -> assertTrue(
                        rows.get(quitter).lastReply().startsWith("suppressed: UNSUBSCRIBED since "),
                        rows.get(quitter).lastReply()),
                () -> assertEquals("SENT", rows.get(others.get(0)).state()),
                () -> assertEquals("SENT", rows.get(others.get(1)).state()),
                () -> assertEquals(1, progress.getJsonObject("counts").getInt("suppressed"), progress.toString()),
                () -> assertEquals(2, progress.getJsonObject("counts").getInt("sent"), progress.toString()),
                () -> assertEquals(1, summary(second).getJsonObject("counts").getInt("suppressed")));
        database.assertCountsEqualARecount(second);

        // Imported after the unsubscribe: stored SUPPRESSED at once and counted by the import.
        long third = sluice.createCampaign("one-click 3", 100, 1, List.of(MTA), 60);
        JsonObject imported = sluice.importCsv(third, csv(List.of(quitter, others.get(0))));
        assertEquals(2, imported.getJsonObject("counts").getInt("imported"), imported.toString());
        assertEquals(1, imported.getJsonObject("counts").getInt("suppressed"), imported.toString());
        assertEquals("SUPPRESSED", database.recipients(third).get(quitter).state());
        assertEquals("PENDING", database.recipients(third).get(others.get(0)).state());
        database.assertCountsEqualARecount(third);
    }

    @Test
    void anAddressSuppressedAfterImportIsNotMailedAndIsMarkedWithTheReason() throws Exception {
        String blocked = "blocked@admin.unsub.test";
        String other = "other@admin.unsub.test";
        long campaign = campaign("admin suppression", List.of(blocked, other));
        // An admin's entry (like a bounce's) touches no recipient row: the send job must find it itself.
        HttpResponse<String> added = send(
                "POST",
                base() + "suppressions",
                "application/json",
                Json.createObjectBuilder()
                        .add("address", blocked)
                        .add("detail", "asked by phone")
                        .build()
                        .toString());
        assertEquals(200, added.statusCode(), added.body());
        assertEquals("PENDING", database.recipients(campaign).get(blocked).state());

        sendAndAwait(campaign);

        Map<String, SluiceDatabase.RecipientRow> rows = database.recipients(campaign);
        assertAll(
                () -> assertEquals(0, messagesTo(campaign, blocked)),
                () -> assertEquals(1, messagesTo(campaign, other)),
                () -> assertEquals("SUPPRESSED", rows.get(blocked).state()),
                () -> assertTrue(
                        rows.get(blocked).lastReply().startsWith("suppressed: ADMIN since "),
                        rows.get(blocked).lastReply()),
                () -> assertEquals("SENT", rows.get(other).state()),
                () -> assertEquals(
                        1, sluice.progress(campaign).getJsonObject("counts").getInt("suppressed")));
        database.assertCountsEqualARecount(campaign);

        assertEquals(
                204,
                send("DELETE", base() + "suppressions/" + blocked, null, null).statusCode());
        assertNull(database.suppression(blocked));
        assertEquals(
                404,
                send("DELETE", base() + "suppressions/" + blocked, null, null).statusCode());
    }

    @Test
    void getShowsAConfirmationPageAndOnlyItsFormUnsubscribes() throws Exception {
        String person = "person@page.unsub.test";
        long campaign = campaign("page", List.of(person));
        sendAndAwait(campaign);
        String url = unsubscribeUrl(messageTo(campaign, person));

        HttpResponse<String> page = get(url);

        assertEquals(200, page.statusCode(), page.body());
        assertTrue(
                page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"),
                page.headers().toString());
        assertTrue(page.body().contains(person) && page.body().contains("<form method=\"post\""), page.body());
        assertNull(database.suppression(person), "a GET (a link scanner) unsubscribes nobody");

        // What the page's form posts.
        HttpResponse<String> confirmed =
                post(url, "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click&via=page");

        assertEquals(200, confirmed.statusCode(), confirmed.body());
        assertTrue(confirmed.body().contains("You are unsubscribed"), confirmed.body());
        assertEquals(
                new SluiceDatabase.SuppressionRow("UNSUBSCRIBED", "unsubscribe page", campaign),
                database.suppression(person));
        assertTrue(get(url).body().contains("already unsubscribed"));
    }

    @Test
    void aForgedOrMangledTokenIsRefusedAndRecordsNothing() throws Exception {
        String victim = "victim@forged.unsub.test";
        String attacker = "attacker@forged.unsub.test";
        long campaign = campaign("forged", List.of(attacker, victim));
        sendAndAwait(campaign);
        String attackersUrl = unsubscribeUrl(messageTo(campaign, attacker));
        Matcher ids = Pattern.compile("/unsubscribe/(\\d+)\\.(\\d+)\\.([A-Za-z0-9_-]+)$")
                .matcher(attackersUrl);
        assertTrue(ids.find(), attackersUrl);
        String victimsId = messageTo(campaign, victim).getMessageID().replaceAll("<sluice\\.\\d+\\.(\\d+)@.*", "$1");
        // The attacker's own valid signature under the victim's recipient id.
        String forged = attackersUrl.replace(
                "/" + ids.group(1) + "." + ids.group(2) + ".", "/" + ids.group(1) + "." + victimsId + ".");

        for (String bad : List.of(
                forged,
                attackersUrl.substring(0, attackersUrl.length() - 5),
                attackersUrl.replaceFirst("/unsubscribe/.*", "/unsubscribe/not-a-token"))) {
            HttpResponse<String> post = post(bad, "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click");
            HttpResponse<String> get = get(bad);
            assertEquals(400, post.statusCode(), bad + ": " + post.body());
            assertEquals(400, get.statusCode(), bad + ": " + get.body());
            assertTrue(post.body().contains("Unsubscribe link not valid"), post.body());
        }
        assertTrue(post(forged, "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click")
                .body()
                .contains("not issued by this Sluice"));
        // A valid link without the RFC 8058 body is not an unsubscribe either.
        assertEquals(
                400, post(attackersUrl, "application/x-www-form-urlencoded", "").statusCode());

        assertNull(database.suppression(victim));
        assertNull(database.suppression(attacker));
        assertEquals("SENT", database.recipients(campaign).get(victim).state());
    }

    private long campaign(String name, List<String> addresses) {
        long campaign = sluice.createCampaign(name, 100, 1, List.of(MTA), 60);
        JsonObject imported = sluice.importCsv(campaign, csv(addresses));
        assertEquals(addresses.size(), imported.getJsonObject("counts").getInt("imported"), imported.toString());
        return campaign;
    }

    private static String csv(List<String> addresses) {
        StringBuilder csv = new StringBuilder("email,name\n");
        addresses.forEach(
                a -> csv.append(a).append(',').append(a, 0, a.indexOf('@')).append('\n'));
        return csv.toString();
    }

    private void sendAndAwait(long campaign) {
        sluice.send(campaign);
        JsonObject done = sluice.awaitFinished(campaign, Duration.ofMinutes(2));
        assertEquals("COMPLETED", done.getString("status"), done.toString());
    }

    private JsonObject summary(long campaign) {
        JsonArray all = (JsonArray)
                Json.createReader(new StringReader(get(base() + "campaigns").body()))
                        .read();
        return all.getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getJsonNumber("id").longValue() == campaign)
                .findFirst()
                .orElseThrow();
    }

    /** The campaign's messages to this address (its Message-IDs are sluice.{campaign}.{recipient}@...). */
    private static List<MimeMessage> messages(long campaign, String address) throws Exception {
        List<MimeMessage> found = new java.util.ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            if (m.getMessageID().startsWith("<sluice." + campaign + ".")
                    && ((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0])
                            .getAddress()
                            .equals(address)) {
                found.add(m);
            }
        }
        return found;
    }

    private static long messagesTo(long campaign, String address) throws Exception {
        return messages(campaign, address).size();
    }

    private static MimeMessage messageTo(long campaign, String address) throws Exception {
        List<MimeMessage> found = messages(campaign, address);
        assertEquals(1, found.size(), "messages of campaign " + campaign + " to " + address);
        return found.get(0);
    }

    private static String unsubscribeUrl(MimeMessage message) throws Exception {
        Matcher m = HTTP_URI.matcher(message.getHeader("List-Unsubscribe", null));
        assertTrue(m.find(), message.getHeader("List-Unsubscribe", null));
        return m.group(1);
    }

    private static String base() {
        return "http://127.0.0.1:" + (8080 + PORT_OFFSET) + "/sluice/api/";
    }

    private HttpResponse<String> get(String url) {
        return send("GET", url, null, null);
    }

    private HttpResponse<String> post(String url, String contentType, String body) {
        return send("POST", url, contentType, body);
    }

    private HttpResponse<String> send(String method, String url, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (!url.contains("/api/unsubscribe/")) { // the unsubscribe links are followed as a recipient would: no login
            request.header("Authorization", SluiceUsers.ADMIN.basic());
        }
        if (body != null) {
            request.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new AssertionError(method + " " + url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static JsonObject json(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return Json.createReader(new StringReader(response.body())).readObject();
    }
}
