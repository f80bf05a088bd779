package org.sluice.unsubscribe;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The body of an unsubscribe POST. RFC 8058 3.2: a mail client POSTs {@code List-Unsubscribe=One-Click}, as
 * multipart/form-data or application/x-www-form-urlencoded, so both are read. Sluice's own confirmation page posts
 * the same field plus {@code via=page}, which only changes what is recorded.
 *
 * @param oneClick the body carries List-Unsubscribe=One-Click
 * @param fromPage it came from Sluice's confirmation page rather than straight from a mail client
 */
public record OneClickForm(boolean oneClick, boolean fromPage) {

    /** One multipart part: its name, its headers' end, and its value up to the next boundary line. */
    private static final Pattern PART = Pattern.compile(
            "Content-Disposition:\\s*form-data;\\s*name=\"([^\"]*)\"[^\\r\\n]*\\r?\\n(?:[^\\r\\n]+\\r?\\n)*\\r?\\n(.*?)\\r?\\n--",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    public static OneClickForm parse(String contentType, String body) {
        Map<String, String> fields = contentType != null
                && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")
                ? multipartFields(body) : urlEncodedFields(body);
        return new OneClickForm("One-Click".equals(fields.get("List-Unsubscribe")), "page".equals(fields.get("via")));
    }

    private static Map<String, String> urlEncodedFields(String body) {
        Map<String, String> fields = new HashMap<>();
        if (body == null) {
            return fields;
        }
        for (String pair : body.strip().split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                try {
                    fields.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException malformed) {
                    // A broken %-escape is not a field we look for.
                }
            }
        }
        return fields;
    }

    private static Map<String, String> multipartFields(String body) {
        Map<String, String> fields = new HashMap<>();
        if (body == null) {
            return fields;
        }
        Matcher m = PART.matcher(body);
        while (m.find()) {
            fields.putIfAbsent(m.group(1), m.group(2));
        }
        return fields;
    }
}
