package org.sluice.event.control;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Checks a webhook URL an admin typed: absolute http or https, a host, no user info (a password in a URL ends up in
 * logs and the audit log), no fragment, no control characters, at most 2000 characters. Where it may point is the
 * admin's decision (a CRM inside the network is the usual receiver); see docs/security.md.
 */
public final class WebhookUrl {

    static final int MAX_LENGTH = 2000;

    private WebhookUrl() {}

    /** @throws IllegalArgumentException saying what is wrong with it */
    public static URI check(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("url is required");
        }
        if (url.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("url is longer than " + MAX_LENGTH + " characters");
        }
        if (url.chars().anyMatch(c -> Character.isISOControl(c) || Character.isWhitespace(c))) {
            throw new IllegalArgumentException("url contains spaces or control characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("url is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("url must start with https:// or http://");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("url has no host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("url must not carry a user name or password");
        }
        if (uri.getRawFragment() != null) {
            throw new IllegalArgumentException("url must not have a #fragment");
        }
        return uri;
    }
}
