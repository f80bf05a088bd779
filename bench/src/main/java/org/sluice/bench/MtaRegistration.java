package org.sluice.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.sluice.demo.client.SluiceClient;

/**
 * Adds an MTA to Sluice ({@code POST /mtas}, role admin), which the demo's {@link SluiceClient} does not offer: it
 * only changes existing MTAs ({@code PUT /mtas/{name}}), and the demo and the throughput benchmark need no more.
 */
final class MtaRegistration {

    private final URI base;
    private final SluiceClient.Login login;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    /** @param base the API's base, e.g. {@link SluiceClient#DEFAULT_BASE} */
    MtaRegistration(URI base, SluiceClient.Login login) {
        this.base = base;
        this.login = login;
    }

    /**
     * @param mta the MTA's settings as {@code GET /mtas} shows them; needs name, host and port
     * @return the MTA as stored
     */
    JsonObject add(JsonObject mta) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("mtas"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((login.user() + ":" + login.password())
                                                .getBytes(StandardCharsets.UTF_8))) // RFC 7617
                .POST(HttpRequest.BodyPublishers.ofString(mta.toString()))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(
                    "POST " + request.uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        try (var reader = Json.createReader(new StringReader(response.body()))) {
            return reader.readObject();
        }
    }
}
