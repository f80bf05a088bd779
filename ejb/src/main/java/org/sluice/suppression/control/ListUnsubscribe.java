package org.sluice.suppression.control;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The List-Unsubscribe header fields of one campaign's messages (RFC 2369 3.2, RFC 8058 3.1): a mailto URI and an
 * HTTP(S) URI, each carrying the recipient's signed token, plus the one-click marker. Values are built only from
 * checked ASCII parts, so they are single header lines whatever the configuration says. Thread-safe.
 * <p>
 * RFC 8058 one-click needs an https URI. The public URL must therefore be https, except on loopback (127.0.0.0/8,
 * ::1, localhost): a trial on one machine, where the messages carry the links but no one-click marker.
 */
public final class ListUnsubscribe {

    public static final String HEADER = "List-Unsubscribe";
    public static final String POST_HEADER = "List-Unsubscribe-Post";
    /** RFC 8058 3.1: the only value this header may have; also the body a one-click POST carries. */
    public static final String ONE_CLICK = "List-Unsubscribe=One-Click";
    /** Where the web module serves the endpoint, below the public base URL (REST application "api"). */
    public static final String PATH = "/api/unsubscribe/";

    /** Printable ASCII without space and the characters that end or split a List-Unsubscribe URI: {@code <>",}. */
    private static final Pattern URL_SAFE = Pattern.compile("[!#-+\\--;=?-~]+");
    /** atext (RFC 5322 3.2.3) and dots, minus '%' and '?', which a mailto URI would have to encode (RFC 6068 2). */
    private static final Pattern MAILTO_LOCAL = Pattern.compile("[A-Za-z0-9!#$&'*+/=^_`{|}~.-]+");

    private static final Pattern DOMAIN = Pattern.compile("[A-Za-z0-9.-]+");
    /** Keeps the header far below RFC 5322's 998-character line limit. */
    private static final int MAX_BASE_URL = 400;

    private final String baseUrl;
    private final String mailto;
    private final UnsubscribeToken tokens;
    private final boolean oneClick;

    /**
     * @param publicBaseUrl where people reach Sluice's web module, e.g. {@code https://mail.example.com/sluice}
     * @param mailtoAddress where unsubscribe mails go, e.g. {@code unsubscribe@example.com}
     * @throws IllegalArgumentException naming what is wrong with either
     */
    public ListUnsubscribe(String publicBaseUrl, String mailtoAddress, UnsubscribeToken tokens) {
        this.baseUrl = checkedBaseUrl(publicBaseUrl);
        this.mailto = checkedMailto(mailtoAddress);
        this.tokens = tokens;
        this.oneClick = baseUrl.regionMatches(true, 0, "https:", 0, "https:".length());
    }

    /**
     * Whether the messages may carry {@link #POST_HEADER}: only with an https URL (RFC 8058 3.1), which the
     * constructor demands unless the URL is on loopback.
     */
    public boolean oneClick() {
        return oneClick;
    }

    /** {@code <mailto:...?subject=unsubscribe%20TOKEN>, <BASE/api/unsubscribe/TOKEN>} */
    public String header(long campaignId, long recipientId) {
        String token = tokens.sign(campaignId, recipientId);
        return "<mailto:" + mailto + "?subject=unsubscribe%20" + token + ">, <" + baseUrl + PATH + token + ">";
    }

    /** The link a person (or a one-click POST) follows for this recipient. */
    public String url(long campaignId, long recipientId) {
        return baseUrl + PATH + tokens.sign(campaignId, recipientId);
    }

    /** The default mailto address: unsubscribe@ the domain of the campaign's From. */
    public static String defaultMailto(String fromAddress) {
        return "unsubscribe@" + fromAddress.substring(fromAddress.lastIndexOf('@') + 1);
    }

    static String checkedBaseUrl(String value) {
        String url = value == null ? "" : value.strip();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        if (url.isEmpty()
                || url.length() > MAX_BASE_URL
                || !URL_SAFE.matcher(url).matches()) {
            throw new IllegalArgumentException("public URL '" + value + "' must be ASCII without spaces or <>\","
                    + " and at most " + MAX_BASE_URL + " characters (sluice.public.url)");
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http"))
                    || uri.getHost() == null
                    || uri.getQuery() != null
                    || uri.getFragment() != null) {
                throw new IllegalArgumentException("public URL '" + value
                        + "' must be an http(s) URL with a host and no query or fragment (sluice.public.url)");
            }
            if (scheme.equals("http") && !isLoopback(uri.getHost())) {
                throw new IllegalArgumentException("public URL '" + value + "' must be https: one-click unsubscribe"
                        + " (List-Unsubscribe-Post, RFC 8058) needs an https URL, and http is accepted only on"
                        + " loopback for a trial (sluice.public.url)");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(
                    "public URL '" + value + "' is not a URL: " + e.getMessage() + " (sluice.public.url)", e);
        }
        return url;
    }

    /** A loopback host as written in a URL: localhost, an IPv4 address in 127.0.0.0/8, or [::1]. Never resolved. */
    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost")
                || h.equals("[::1]")
                || h.equals("[0:0:0:0:0:0:0:1]")
                || IPV4_LOOPBACK.matcher(h).matches();
    }

    private static final Pattern IPV4_LOOPBACK =
            Pattern.compile("127\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){2}");

    static String checkedMailto(String value) {
        String address = value == null ? "" : value.strip();
        int at = address.lastIndexOf('@');
        if (at <= 0
                || at == address.length() - 1
                || !MAILTO_LOCAL.matcher(address.substring(0, at)).matches()) {
            throw new IllegalArgumentException("unsubscribe address '" + value
                    + "' must be a plain ASCII address local@domain (sluice.unsubscribe.mailto)");
        }
        String domain;
        try {
            domain = IDN.toASCII(address.substring(at + 1), IDN.USE_STD3_ASCII_RULES);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unsubscribe address '" + value + "' has an invalid domain: " + e.getMessage()
                            + " (sluice.unsubscribe.mailto)",
                    e);
        }
        if (!DOMAIN.matcher(domain).matches()) {
            throw new IllegalArgumentException(
                    "unsubscribe address '" + value + "' has an invalid domain" + " (sluice.unsubscribe.mailto)");
        }
        return address.substring(0, at + 1) + domain;
    }
}
