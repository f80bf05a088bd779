package org.sluice.message.control;

import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The List-Id header field of one campaign's messages (RFC 2919): {@code "Spring news" <campaign-42.example.org>}.
 * The identifier names the campaign under the From domain, so it is the same for every message of the campaign and
 * filters can tell campaigns apart; spam filters also expect it next to List-Unsubscribe. The display phrase is the
 * campaign name, quoted, or RFC 2047-encoded when it is not ASCII: a name never adds a field or ends the phrase.
 */
public final class ListId {

    public static final String HEADER = "List-Id";

    /** RFC 2919 2: the list identifier is at most 255 characters. */
    static final int MAX_ID = 255;

    /** A host name in ASCII (after IDNA): labels of letters, digits and hyphens, so the id is a dot-atom. */
    private static final Pattern HOST_NAME = Pattern.compile("[a-z0-9-]+(\\.[a-z0-9-]+)*");

    private static final Pattern BREAKS_AND_CONTROLS = Pattern.compile("[\\p{Cc}\\u2028\\u2029]+");

    /** RFC 2919 2: the namespace of lists without a domain of their own. */
    private static final String UNMANAGED = "localhost";

    private final String value;

    private ListId(String value) {
        this.value = value;
    }

    /**
     * @param campaignName the display phrase; null or blank for none
     * @param fromDomain   the domain of the campaign's From address (an IDN is written in ASCII); one that is no host
     *                     name, such as an address literal, gives the unmanaged namespace "localhost"
     */
    public static ListId of(long campaignId, String campaignName, String fromDomain) {
        String id = "campaign-" + campaignId + "." + namespace(fromDomain);
        if (id.length() > MAX_ID) {
            id = "campaign-" + campaignId + "." + UNMANAGED;
        }
        String phrase = phrase(campaignName);
        return new ListId(phrase.isEmpty() ? "<" + id + ">" : phrase + " <" + id + ">");
    }

    /** The field's value, unfolded. */
    public String value() {
        return value;
    }

    /** The value folded for a header line that begins with "List-Id: " (RFC 5322 2.2.3, lines of at most 78). */
    String folded() {
        return MimeUtility.fold(HEADER.length() + 2, value);
    }

    private static String namespace(String domain) {
        if (domain == null) {
            return UNMANAGED;
        }
        try {
            String ascii = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
            return HOST_NAME.matcher(ascii).matches() ? ascii : UNMANAGED;
        } catch (IllegalArgumentException notAHostName) {
            return UNMANAGED;
        }
    }

    private static String phrase(String campaignName) {
        if (campaignName == null) {
            return "";
        }
        String name = BREAKS_AND_CONTROLS.matcher(campaignName).replaceAll(" ").strip();
        if (name.isEmpty()) {
            return "";
        }
        if (StandardCharsets.US_ASCII.newEncoder().canEncode(name)) {
            // Always quoted: then no ASCII name, not even one that looks like an encoded-word, is read as syntax.
            return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        try {
            // Encoded-words for a phrase (RFC 2047 5(3)): quotes, angle brackets and the like are encoded too.
            return MimeUtility.encodeWord(name, StandardCharsets.UTF_8.name(), null);
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 unsupported", e);
        }
    }
}
