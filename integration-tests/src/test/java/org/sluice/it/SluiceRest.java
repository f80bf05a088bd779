package org.sluice.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** Drives Sluice through its REST API, as the run command and scripts do: HTTP Basic as one of {@link SluiceUsers}. */
public final class SluiceRest {

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final SluiceUsers user;

    /** As {@link SluiceUsers#ADMIN}, who may do everything. @param portOffset the server's jboss.socket.binding.port-offset */
    public SluiceRest(int portOffset) {
        this(portOffset, SluiceUsers.ADMIN);
    }

    /** @param user whose credentials every call sends, or null to send none */
    public SluiceRest(int portOffset, SluiceUsers user) {
        this.base = "http://127.0.0.1:" + (8080 + portOffset) + "/sluice/api/";
        this.user = user;
    }

    /** One call as this client's user, whatever it answers: for tests of who may do what. */
    public HttpResponse<String> raw(String method, String path, String contentType, String body) {
        return send(
                method,
                path,
                contentType,
                body == null ? null : HttpRequest.BodyPublishers.ofString(body),
                "application/json");
    }

    /** The same with a body of bytes as they are (a file in another encoding). */
    public HttpResponse<String> rawBytes(String method, String path, String contentType, byte[] body) {
        return send(method, path, contentType, HttpRequest.BodyPublishers.ofByteArray(body), "application/json");
    }

    /** A GET of something other than JSON (a CSV export). */
    public HttpResponse<String> get(String path, String accept) {
        return send("GET", path, null, null, accept);
    }

    private HttpResponse<String> send(
            String method, String path, String contentType, HttpRequest.BodyPublisher body, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .header("Accept", accept);
        if (user != null) {
            request.header("Authorization", user.basic());
        }
        if (body != null) {
            request.header("Content-Type", contentType).method(method, body);
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    public long createCampaign(String name, String subject, String text, String html, int chunkSize, int connections) {
        JsonObject draft = Json.createObjectBuilder()
                .add("name", name)
                .add("from", "Sluice Tests <news@sluice.test>")
                .add("replyTo", "replies@sluice.test")
                .add("subject", subject)
                .add("textTemplate", text)
                .add("htmlTemplate", html)
                .add("chunkSize", chunkSize)
                .add("connections", connections)
                .build();
        return object(call("POST", "campaigns", "application/json", draft.toString(), 201))
                .getJsonNumber("id")
                .longValue();
    }

    /** A campaign sent through a pool of MTAs, with a wait deadline (seconds) for an overloaded pool. */
    public long createCampaign(
            String name, int chunkSize, int connections, List<String> mtas, int waitDeadlineSeconds) {
        JsonObject draft = Json.createObjectBuilder()
                .add("name", name)
                .add("from", "Sluice Tests <news@sluice.test>")
                .add("subject", "News for {{name}}")
                .add("textTemplate", "Hello {{name}}")
                .add("htmlTemplate", "<p>Hello {{name}}</p>")
                .add("chunkSize", chunkSize)
                .add("connections", connections)
                .add("mtas", Json.createArrayBuilder(mtas))
                .add("waitDeadlineSeconds", waitDeadlineSeconds)
                .build();
        return object(call("POST", "campaigns", "application/json", draft.toString(), 201))
                .getJsonNumber("id")
                .longValue();
    }

    /**
     * An enabled MTA on 127.0.0.1 without a probe (used without load control), created or set back to that: a test
     * before may have disabled it or given it a probe.
     */
    public JsonObject putUnprobedMta(String name, int port, int maxConnections) {
        return putMta(
                name,
                Json.createObjectBuilder()
                        .add("host", "127.0.0.1")
                        .add("port", port)
                        .add("maxConnections", maxConnections)
                        .add("probeId", "")
                        .add("enabled", true)
                        .build());
    }

    /** Creates the MTA, or updates its settings if it exists; {@code settings} as the API's MtaView. */
    public JsonObject putMta(String name, JsonObject settings) {
        JsonArray existing = (JsonArray) call("GET", "mtas", null, null, 200);
        boolean exists = existing.getValuesAs(JsonObject.class).stream()
                .anyMatch(m -> m.getString("name").equals(name));
        if (exists) {
            return object(call("PUT", "mtas/" + name, "application/json", settings.toString(), 200));
        }
        JsonObject create = Json.createObjectBuilder(settings).add("name", name).build();
        return object(call("POST", "mtas", "application/json", create.toString(), 200));
    }

    /** The MTAs as configured (name, host, port, maxConnections...), by name. */
    public Map<String, JsonObject> mtas() {
        return ((JsonArray) call("GET", "mtas", null, null, 200))
                .getValuesAs(JsonObject.class).stream().collect(Collectors.toMap(m -> m.getString("name"), m -> m));
    }

    /** How many campaigns the list shows in {@code status}. */
    public long campaignsIn(String status) {
        return allCampaigns().stream()
                .filter(c -> status.equals(c.getString("status", "")))
                .count();
    }

    /** A campaign as the list shows it: its settings (mtas, chunkSize, connections...) and counts. */
    public JsonObject campaign(long campaignId) {
        return allCampaigns().stream()
                .filter(c -> c.getJsonNumber("id").longValue() == campaignId)
                .findFirst()
                .orElseThrow(() -> new AssertionError("campaign " + campaignId + " is not in GET /campaigns"));
    }

    /** Every campaign, newest first, read page by page (the list is paged: offset, limit at most 1000). */
    public List<JsonObject> allCampaigns() {
        List<JsonObject> all = new java.util.ArrayList<>();
        while (true) {
            List<JsonObject> page = ((JsonArray)
                            call("GET", "campaigns?limit=1000&offset=" + all.size(), null, null, 200))
                    .getValuesAs(JsonObject.class);
            all.addAll(page);
            if (page.size() < 1000) {
                return all;
            }
        }
    }

    /** Where a restart of the campaign resumes: committed chunks and the next recipient id (absent when done). */
    public JsonObject checkpoint(long campaignId) {
        return (JsonObject) call("GET", "campaigns/" + campaignId + "/checkpoint", null, null, 200);
    }

    /** Every MTA's admission now, by name. */
    public Map<String, JsonObject> mtaStatus() {
        return ((JsonArray) call("GET", "mtas/status", null, null, 200))
                .getValuesAs(JsonObject.class).stream().collect(Collectors.toMap(m -> m.getString("mtaName"), m -> m));
    }

    /** The campaign's send slices: which node claimed which part. */
    public JsonArray slices(long campaignId) {
        return (JsonArray) call("GET", "campaigns/" + campaignId + "/slices", null, null, 200);
    }

    public JsonArray incidents(long campaignId) {
        return (JsonArray) call("GET", "campaigns/" + campaignId + "/incidents", null, null, 200);
    }

    /** One pass over the bounce mailbox now: what it read, recorded and removed. */
    public JsonObject fetchBounces() {
        return object(call("POST", "bounces/fetch", null, null, 200));
    }

    public JsonArray bounces(long campaignId) {
        return (JsonArray) call("GET", "bounces?campaign=" + campaignId, null, null, 200);
    }

    /** Everything Sluice did with one address: its campaigns and events, newest first. */
    public JsonObject addressHistory(String address) {
        return object(call(
                "GET",
                "addresses/"
                        + java.net.URLEncoder.encode(address, java.nio.charset.StandardCharsets.UTF_8)
                                .replace("+", "%20")
                        + "/history",
                null,
                null,
                200));
    }

    public JsonObject awaitProgress(long campaignId, Predicate<JsonObject> condition, Duration timeout) {
        return await(() -> progress(campaignId), condition, timeout);
    }

    public JsonObject awaitStatus(long campaignId, String status, Duration timeout) {
        return await(() -> progress(campaignId), p -> p.getString("status").equals(status), timeout);
    }

    /** Uploads a CSV and waits for its import job to end; returns the final import progress. */
    public JsonObject importCsv(long campaignId, String csv) {
        JsonObject started = object(call("POST", "campaigns/" + campaignId + "/recipients", "text/csv", csv, 202));
        return awaitImport(campaignId, started.getJsonNumber("executionId").longValue());
    }

    /**
     * Uploads a CSV without a Content-Length (chunked), as a file larger than the listener's max-post-size must be
     * sent (docs/security.md), and waits for its import job to end; returns the final import progress.
     */
    public JsonObject importCsvChunked(long campaignId, String csv) {
        byte[] body = csv.getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "campaigns/" + campaignId + "/recipients"))
                .version(HttpClient.Version.HTTP_1_1)
                .timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json")
                .header("Authorization", user.basic())
                .header("Content-Type", "text/csv")
                // No length known in advance: java.net.http sends it chunked.
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("chunked upload failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        if (response.statusCode() != 202) {
            throw new AssertionError("chunked upload answered " + response.statusCode() + ": " + response.body());
        }
        JsonObject started = (JsonObject)
                Json.createReader(new StringReader(response.body())).read();
        return awaitImport(campaignId, started.getJsonNumber("executionId").longValue());
    }

    /** Starts a query import (a SELECT on a registered import source) and waits for it to end. */
    public JsonObject importQuery(long campaignId, String source, String query) {
        JsonObject started = object(call(
                "POST",
                "campaigns/" + campaignId + "/recipients/query",
                "application/json",
                queryImport(source, query),
                202));
        return awaitImport(campaignId, started.getJsonNumber("executionId").longValue());
    }

    /** The body of a query import request. */
    public static String queryImport(String source, String query) {
        return Json.createObjectBuilder()
                .add("source", source)
                .add("query", query)
                .build()
                .toString();
    }

    /** Registers (or re-points) an import source as this client's user. */
    public HttpResponse<String> putImportSource(String name, String jndiName) {
        return raw(
                "PUT",
                "import-sources/" + name,
                "application/json",
                Json.createObjectBuilder().add("jndiName", jndiName).build().toString());
    }

    private JsonObject awaitImport(long campaignId, long execution) {
        return await(
                () -> object(call("GET", "campaigns/" + campaignId + "/imports/" + execution, null, null, 200)),
                p -> !isRunning(p.getString("batchStatus")),
                Duration.ofMinutes(3));
    }

    public JsonArray rejections(long campaignId) {
        return (JsonArray) call("GET", "campaigns/" + campaignId + "/rejections", null, null, 200);
    }

    public void send(long campaignId) {
        call("POST", "campaigns/" + campaignId + "/send", null, null, 202);
    }

    /** @return the error the API answered with 409 */
    public String sendRefused(long campaignId) {
        return object(call("POST", "campaigns/" + campaignId + "/send", null, null, 409))
                .getString("detail");
    }

    public void stop(long campaignId) {
        call("POST", "campaigns/" + campaignId + "/stop", null, null, 202);
    }

    public void restart(long campaignId) {
        call("POST", "campaigns/" + campaignId + "/restart", null, null, 202);
    }

    /** The actions of the campaign's audit events, in the order the API lists them (needs an admin). */
    public List<String> auditActions(long campaignId) {
        return ((JsonArray) call("GET", "audit?targetType=campaign&target=" + campaignId, null, null, 200))
                .getValuesAs(JsonObject.class).stream()
                        .map(e -> e.getString("action"))
                        .toList();
    }

    public JsonObject progress(long campaignId) {
        return object(call("GET", "campaigns/" + campaignId, null, null, 200));
    }

    public JsonObject awaitFinished(long campaignId, Duration timeout) {
        return await(() -> progress(campaignId), p -> !p.getBoolean("running"), timeout);
    }

    public JsonObject awaitSentAtLeast(long campaignId, long sent, Duration timeout) {
        return await(
                () -> progress(campaignId),
                p -> p.getJsonObject("counts").getJsonNumber("sent").longValue() >= sent,
                timeout);
    }

    private static boolean isRunning(String batchStatus) {
        return batchStatus.equals("STARTING") || batchStatus.equals("STARTED") || batchStatus.equals("STOPPING");
    }

    private static JsonObject await(
            java.util.function.Supplier<JsonObject> poll, Predicate<JsonObject> done, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        JsonObject last = poll.get();
        while (!done.test(last)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out after " + timeout + "; last state: " + last);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            last = poll.get();
        }
        return last;
    }

    private JsonStructure call(String method, String path, String contentType, String body, int expectedStatus) {
        HttpResponse<String> response = raw(method, path, contentType, body);
        if (response.statusCode() != expectedStatus) {
            throw new AssertionError(method + " " + path + " answered " + response.statusCode() + " (expected "
                    + expectedStatus + "): " + response.body());
        }
        return Json.createReader(new StringReader(response.body())).read();
    }

    private static JsonObject object(JsonStructure json) {
        return (JsonObject) json;
    }
}
