package org.sluice.demo.client;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.json.stream.JsonParsingException;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Sluice's REST API (web module, org.sluice.api.CampaignResource) as the demo and the benchmark use it, logged in
 * with HTTP Basic as a WildFly application user ({@link Login}). Answers are JSON-P values named as the server's
 * records name them; an answer other than 2xx is an {@link IllegalStateException} carrying the request and the
 * server's reason.
 */
public final class SluiceClient {

    public static final URI DEFAULT_BASE = URI.create("http://127.0.0.1:8080/sluice/api/");

    private final URI base;
    private final Login login;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    public SluiceClient(URI base, Login login) {
        this.base = base;
        this.login = login;
    }

    /**
     * A user of Sluice's WildFly (SluiceRealm, added with {@code add-user.sh -up sluice-users.properties ...}); the
     * demo and the benchmarks make one with a fresh random password every run, in role {@code admin}.
     */
    public record Login(String user, String password) {

        public static Login generated(String user) {
            byte[] random = new byte[12];
            new java.security.SecureRandom().nextBytes(random);
            return new Login(
                    user, java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random));
        }

        /** RFC 7617. */
        String authorization() {
            return "Basic "
                    + java.util.Base64.getEncoder()
                            .encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /** The request with this client's credentials. */
    private HttpRequest authorized(HttpRequest request) {
        return HttpRequest.newBuilder(request, (name, value) -> true)
                .header("Authorization", login.authorization())
                .build();
    }

    /** True when the API answers (the EAR is deployed and its REST application started). */
    public boolean isUp() {
        try {
            HttpResponse<String> response =
                    http.send(authorized(get("campaigns")), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** POST /campaigns; @return the new campaign's id. */
    public long createCampaign(JsonObject draft) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("campaigns"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(draft.toString()))
                .build();
        return object(request).getJsonNumber("id").longValue();
    }

    /**
     * POST /campaigns/{id}/recipients with the CSV file, sent chunked (no Content-Length) so that a file over the
     * server's listener limit (WildFly's 10 MB {@code max-post-size}) is taken up to Sluice's own upload limit
     * (docs/security.md); @return the import's job execution id.
     */
    public long importCsv(long campaignId, Path csv) {
        if (!Files.isReadable(csv)) {
            throw new IllegalStateException("cannot read " + csv);
        }
        HttpRequest request = HttpRequest.newBuilder(base.resolve("campaigns/" + campaignId + "/recipients"))
                .header("Content-Type", "text/csv; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> {
                    try {
                        return Files.newInputStream(csv);
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read " + csv + ": " + e.getMessage(), e);
                    }
                }))
                .build();
        return object(request).getJsonNumber("executionId").longValue();
    }

    /** GET /campaigns/{id}/imports/{execution}: ImportProgress. */
    public JsonObject importProgress(long campaignId, long executionId) {
        return object(get("campaigns/" + campaignId + "/imports/" + executionId));
    }

    /** GET /campaigns/{id}/rejections: the rows imports did not take. */
    public JsonArray rejections(long campaignId) {
        return (JsonArray) call(get("campaigns/" + campaignId + "/rejections"));
    }

    /** POST /campaigns/{id}/send: starts the campaign-send job; @return CampaignProgress. */
    public JsonObject send(long campaignId) {
        return object(HttpRequest.newBuilder(base.resolve("campaigns/" + campaignId + "/send"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    }

    /** PUT /mtas/{name}: changes an MTA's settings (probe id, limits...). */
    public JsonObject updateMta(String name, JsonObject settings) {
        return object(HttpRequest.newBuilder(base.resolve("mtas/" + name))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(settings.toString()))
                .build());
    }

    /** GET /mtas/status: every MTA's admission, with its probe's figures and round trips. */
    public JsonArray mtaStatus() {
        return (JsonArray) call(get("mtas/status"));
    }

    /** GET /campaigns/{id}: CampaignProgress. */
    public JsonObject progress(long campaignId) {
        return object(get("campaigns/" + campaignId));
    }

    /** GET /campaigns/{id}/slices: which server claimed which part of the campaign. */
    public JsonArray slices(long campaignId) {
        return (JsonArray) call(get("campaigns/" + campaignId + "/slices"));
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build();
    }

    private JsonObject object(HttpRequest request) {
        return (JsonObject) call(request);
    }

    private JsonStructure call(HttpRequest request) {
        String what = request.method() + " " + request.uri();
        HttpResponse<String> response;
        try {
            response = http.send(authorized(request), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(what + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " interrupted", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(what + " answered " + response.statusCode() + ": " + response.body());
        }
        try (var reader = Json.createReader(new StringReader(response.body()))) {
            return reader.read();
        } catch (JsonParsingException e) {
            throw new IllegalStateException(what + " answered something that is not JSON: " + response.body(), e);
        }
    }
}
