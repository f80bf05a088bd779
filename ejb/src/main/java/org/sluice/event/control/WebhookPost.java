package org.sluice.event.control;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Posts one batch of events (a JSON array) to a webhook, signed ({@link WebhookSignature}). Redirects are not
 * followed (a receiver that moved is an error to see, and a redirect must not take the signed events elsewhere);
 * the answer's body is discarded.
 */
public final class WebhookPost {

    private final HttpClient client;
    private final Duration timeout;

    public WebhookPost(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * @param messageId the same on every attempt of this batch, so the receiver can drop a repeat
     * @return the HTTP status
     * @throws IOException when there was no answer (refused, timed out, TLS failed)
     */
    public int post(URI url, String secret, String messageId, String body, long nowSeconds)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "Sluice-Webhooks")
                .header("webhook-id", messageId)
                .header("webhook-timestamp", Long.toString(nowSeconds))
                .header("webhook-signature", WebhookSignature.sign(secret, messageId, nowSeconds, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
