package org.sluice.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Events out over HTTP, as a CRM would receive them: a receiver in this JVM registered as a webhook gets a delivered
 * event for each recipient of a campaign sent through a real SMTP server, and an unsubscribed event for a one-click
 * unsubscribe, each exactly once, every post's Standard Webhooks signature verified with the secret the API showed.
 * While the receiver is down, the failed posts are logged and the webhook backs off; when it is back, the same batches
 * arrive, nothing missing and nothing twice.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WebhookIT {

    private static final int PORT_OFFSET = 100;
    private static final int SMTP_PORT = 3194;
    private static final int RECEIVER_PORT = 3193;
    private static final String MTA = "webhook-mta";
    private static final Pattern HTTP_URI = Pattern.compile("<(https?://[^>]+)>");

    private static final GreenMail smtp = SmtpServerExtension.plainSmtp(SMTP_PORT);

    @RegisterExtension
    static final SmtpServerExtension SMTP_SERVER = SmtpServerExtension.startAndStop(smtp);

    private final SluiceRest admin = new SluiceRest(PORT_OFFSET, SluiceUsers.ADMIN);
    private final SluiceRest operator = new SluiceRest(PORT_OFFSET, SluiceUsers.OPERATOR);

    /** What the receiver got: each post's webhook-id and its events, in order, and posts whose signature was bad. */
    private final List<String> postIds = Collections.synchronizedList(new ArrayList<>());

    private final List<JsonObject> received = Collections.synchronizedList(new ArrayList<>());
    private final List<String> badSignatures = Collections.synchronizedList(new ArrayList<>());
    private volatile String secret;
    private HttpServer receiver;

    @Deployment(testable = false)
    static EnterpriseArchive sluice() {
        return Deployments.sluiceEar();
    }

    @AfterEach
    void stopReceiver() {
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void aReceiverGetsEachEventOnceSignedAndWhatItMissedWhileDownWhenItIsBack() throws Exception {
        admin.raw(
                "POST",
                "mtas",
                "application/json",
                "{\"name\":\"" + MTA + "\",\"host\":\"127.0.0.1\",\"port\":" + SMTP_PORT + ",\"maxConnections\":2}");
        startReceiver();
        HttpResponse<String> registered = admin.raw(
                "POST",
                "webhooks",
                "application/json",
                "{\"url\":\"http://127.0.0.1:" + RECEIVER_PORT + "/crm/sluice\","
                        + "\"events\":[\"delivered\",\"failed\",\"unsubscribed\"]}");
        assertEquals(201, registered.statusCode(), registered.body());
        JsonObject webhook = json(registered.body()).asJsonObject();
        long id = webhook.getJsonNumber("id").longValue();
        secret = webhook.getString("secret");
        assertTrue(registered.headers().firstValue("Location").orElseThrow().endsWith("/webhooks/" + id));
        assertFalse(
                json(admin.raw("GET", "webhooks/" + id, null, null).body())
                                .asJsonObject()
                                .containsKey("secret")
                        && !json(admin.raw("GET", "webhooks/" + id, null, null).body())
                                .asJsonObject()
                                .isNull("secret"),
                "the secret is shown once, at registration");

        // 1. A campaign of 25: a delivered event per recipient, each once.
        List<String> first = addresses("first", 25);
        long campaign1 = sendCampaign("webhook 1", first);
        await(() -> delivered(campaign1).size() == first.size(), "a delivered event for each of " + first);
        // One recipient unsubscribes with the link in their mail.
        String quitter = first.get(3);
        HttpResponse<String> unsubscribed = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(unsubscribeUrl(campaign1, quitter)))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, unsubscribed.statusCode(), unsubscribed.body());
        await(() -> ofType("unsubscribed").size() == 1, "the unsubscribed event");
        JsonObject unsubscribe = ofType("unsubscribed").get(0);
        assertAll(
                () -> assertEquals(quitter, unsubscribe.getString("address")),
                () -> assertEquals(
                        campaign1, unsubscribe.getJsonNumber("campaignId").longValue()),
                () -> assertEquals(
                        first.size(), addressesOf(delivered(campaign1)).size()),
                () -> assertEquals(Map.of(), duplicates(), "no event twice"),
                () -> assertEquals(List.of(), badSignatures, "every signature verifies"));
        JsonObject one = delivered(campaign1).get(0);
        assertAll(
                () -> assertEquals(250, one.getJsonObject("reply").getInt("code")),
                () -> assertTrue(one.getString("messageId").startsWith("<sluice." + campaign1 + ".")),
                () -> assertTrue(Instant.parse(one.getString("occurredAt"))
                        .isAfter(Instant.now().minusSeconds(600))));

        // 2. The receiver goes down while the next campaign is sent: the posts fail, are logged and backed off.
        receiver.stop(0);
        receiver = null;
        int postsBefore = postIds.size();
        List<String> second = addresses("second", 15);
        long campaign2 = sendCampaign("webhook 2", second);
        await(
                () -> json(admin.raw("GET", "webhooks/" + id, null, null).body())
                                .asJsonObject()
                                .getInt("failuresInARow")
                        >= 2,
                "two failed posts in a row");
        JsonObject failing =
                json(admin.raw("GET", "webhooks/" + id, null, null).body()).asJsonObject();
        assertTrue(failing.getString("lastError").startsWith("cannot post"), failing.toString());
        List<JsonObject> log = json(admin.raw("GET", "webhooks/" + id + "/attempts", null, null)
                        .body())
                .asJsonArray()
                .getValuesAs(JsonObject.class);
        assertFalse(log.get(0).getBoolean("delivered"), log.toString());
        assertTrue(!log.get(0).containsKey("status") || log.get(0).isNull("status"), log.toString());
        assertTrue(log.stream().anyMatch(a -> a.getBoolean("delivered")), "the earlier deliveries are logged too");

        // 3. Back up: the missed batches arrive, in order, each event once.
        startReceiver();
        await(() -> delivered(campaign2).size() == second.size(), "the events missed while down");
        assertAll(
                () -> assertEquals(Map.of(), duplicates(), "no event twice"),
                () -> assertEquals(List.of(), badSignatures),
                () -> assertEquals(
                        postIds.stream().distinct().count(), postIds.size(), "no batch posted twice: " + postIds),
                () -> assertTrue(postIds.size() > postsBefore));
        JsonObject recovered =
                json(admin.raw("GET", "webhooks/" + id, null, null).body()).asJsonObject();
        assertEquals(0, recovered.getInt("failuresInARow"), recovered.toString());
        List<JsonObject> after = json(admin.raw("GET", "webhooks/" + id + "/attempts", null, null)
                        .body())
                .asJsonArray()
                .getValuesAs(JsonObject.class);
        long failedBatch = log.get(0).getJsonNumber("batch").longValue();
        assertTrue(
                after.stream()
                        .anyMatch(a -> a.getBoolean("delivered")
                                && a.getJsonNumber("batch").longValue() == failedBatch),
                "the batch that failed was delivered later: " + after);

        // Only admins manage webhooks; bad registrations change nothing.
        int webhooks = json(admin.raw("GET", "webhooks", null, null).body())
                .asJsonArray()
                .size();
        assertAll(
                () -> assertEquals(
                        403, operator.raw("GET", "webhooks", null, null).statusCode()),
                () -> assertEquals(
                        403,
                        operator.raw("POST", "webhooks", "application/json", "{\"url\":\"http://127.0.0.1:1/x\"}")
                                .statusCode()),
                () -> assertEquals(
                        422,
                        admin.raw("POST", "webhooks", "application/json", "{\"url\":\"https://user:pw@crm.example/x\"}")
                                .statusCode()),
                () -> assertEquals(
                        422,
                        admin.raw("POST", "webhooks", "application/json", "{\"url\":\"file:///etc/passwd\"}")
                                .statusCode()),
                () -> assertEquals(
                        422,
                        admin.raw(
                                        "POST",
                                        "webhooks",
                                        "application/json",
                                        "{\"url\":\"https://crm.example/x\",\"events\":[\"opened\"]}")
                                .statusCode()),
                () -> assertEquals(
                        404, admin.raw("GET", "webhooks/999999", null, null).statusCode()),
                () -> assertEquals(
                        webhooks,
                        json(admin.raw("GET", "webhooks", null, null).body())
                                .asJsonArray()
                                .size()));

        // Disabled, it gets nothing; removed, it is gone (with its log), and the audit log says who did both.
        assertEquals(
                200,
                admin.raw("PATCH", "webhooks/" + id, "application/merge-patch+json", "{\"enabled\":false}")
                        .statusCode());
        assertEquals(204, admin.raw("DELETE", "webhooks/" + id, null, null).statusCode());
        assertEquals(
                404,
                admin.raw("GET", "webhooks/" + id + "/attempts", null, null).statusCode());
        List<String> audited = json(admin.raw("GET", "audit?targetType=webhook&target=" + id, null, null)
                        .body())
                .asJsonArray()
                .getValuesAs(JsonObject.class)
                .stream()
                .map(e -> e.getString("action"))
                .toList();
        assertEquals(List.of("DELETE", "DISABLE", "REGISTER"), audited);
    }

    private void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", RECEIVER_PORT), 0);
        receiver.createContext("/crm/sluice", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String messageId = exchange.getRequestHeaders().getFirst("webhook-id");
            String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
            String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
            String text = new String(body, StandardCharsets.UTF_8);
            if (!verified(messageId, timestamp, text, signature)) {
                badSignatures.add(messageId + " " + signature);
                exchange.sendResponseHeaders(401, -1);
            } else {
                // A receiver drops a post it has had (same webhook-id): this one records them to assert on.
                postIds.add(messageId);
                received.addAll(json(text).asJsonArray().getValuesAs(JsonObject.class));
                exchange.sendResponseHeaders(204, -1);
            }
            exchange.close();
        });
        receiver.start();
    }

    /** The Standard Webhooks check a receiver makes: HMAC-SHA256 of id.timestamp.body, with a fresh timestamp. */
    private boolean verified(String messageId, String timestamp, String body, String signature) {
        try {
            if (Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) > 300) {
                return false;
            }
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            String expected = "v1,"
                    + Base64.getEncoder()
                            .encodeToString(mac.doFinal(
                                    (messageId + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
            return expected.equals(signature);
        } catch (Exception e) {
            return false;
        }
    }

    private long sendCampaign(String name, List<String> addresses) {
        long campaign = operator.createCampaign(name, 10, 2, List.of(MTA), 60);
        StringBuilder csv = new StringBuilder("email,name\n");
        addresses.forEach(a -> csv.append(a).append(",X\n"));
        operator.importCsv(campaign, csv.toString());
        operator.send(campaign);
        JsonObject done = operator.awaitFinished(campaign, Duration.ofMinutes(2));
        assertEquals("COMPLETED", done.getString("status"), done.toString());
        return campaign;
    }

    private List<JsonObject> ofType(String type) {
        synchronized (received) {
            return received.stream()
                    .filter(e -> e.getString("type").equals(type))
                    .toList();
        }
    }

    private List<JsonObject> delivered(long campaign) {
        return ofType("delivered").stream()
                .filter(e -> e.getJsonNumber("campaignId").longValue() == campaign)
                .toList();
    }

    private static List<String> addressesOf(List<JsonObject> events) {
        return events.stream().map(e -> e.getString("address")).distinct().toList();
    }

    /** Event ids received more than once. */
    private Map<String, Long> duplicates() {
        synchronized (received) {
            return received.stream()
                    .collect(Collectors.groupingBy(e -> e.getString("id"), HashMap::new, Collectors.counting()))
                    .entrySet()
                    .stream()
                    .filter(e -> e.getValue() > 1)
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        }
    }

    private static List<String> addresses(String prefix, int n) {
        return IntStream.rangeClosed(1, n)
                .mapToObj(i -> prefix + "-" + i + "@webhook.events.test")
                .toList();
    }

    private static String unsubscribeUrl(long campaign, String address) throws Exception {
        for (MimeMessage m : smtp.getReceivedMessages()) {
            if (m.getMessageID().startsWith("<sluice." + campaign + ".")
                    && ((InternetAddress) m.getAllRecipients()[0]).getAddress().equals(address)) {
                Matcher http = HTTP_URI.matcher(m.getHeader("List-Unsubscribe")[0]);
                assertTrue(http.find(), m.getHeader("List-Unsubscribe")[0]);
                return http.group(1);
            }
        }
        throw new AssertionError("no message of campaign " + campaign + " to " + address);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within 90 s: " + what);
            }
            Thread.sleep(200);
        }
    }

    private static JsonStructure json(String body) {
        return Json.createReader(new StringReader(body)).read();
    }
}
