package org.sluice.event.control;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.sluice.refusal.InvalidValueException;

/**
 * Checks a webhook URL an admin typed: absolute http or https, a host, no user info (a password in a URL ends up in
 * logs and the audit log), no fragment, no control characters, at most 2000 characters. Where it may point is the
 * admin's decision (a CRM inside the network is the usual receiver); see docs/security.md.
 */
public final class WebhookUrl {

    static final int MAX_LENGTH = 2000;

    private WebhookUrl() {}

    /** @throws InvalidValueException saying what is wrong with it */
    public static URI check(String url) {
        if (url == null || url.isBlank()) {
            throw new InvalidValueException("url is required", "refusal.webhook.url.missing");
        }
        if (url.length() > MAX_LENGTH) {
            throw new InvalidValueException(
                    "url is longer than " + MAX_LENGTH + " characters", "refusal.webhook.url.tooLong", MAX_LENGTH);
        }
        if (url.chars().anyMatch(c -> Character.isISOControl(c) || Character.isWhitespace(c))) {
            throw new InvalidValueException("url contains spaces or control characters", "refusal.webhook.url.spaces");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new InvalidValueException("url is not a URL: " + e.getReason(), "refusal.webhook.url.notAUrl");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new InvalidValueException("url must start with https:// or http://", "refusal.webhook.url.scheme");
        }
        if (uri.getHost() == null) {
            throw new InvalidValueException("url has no host", "refusal.webhook.url.noHost");
        }
        if (uri.getRawUserInfo() != null) {
            throw new InvalidValueException(
                    "url must not carry a user name or password", "refusal.webhook.url.userInfo");
        }
        if (uri.getRawFragment() != null) {
            throw new InvalidValueException("url must not have a #fragment", "refusal.webhook.url.fragment");
        }
        return uri;
    }
}
