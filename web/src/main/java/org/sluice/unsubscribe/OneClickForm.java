package org.sluice.unsubscribe;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentDisposition;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The body of an unsubscribe POST. RFC 8058 3.2: a mail client POSTs {@code List-Unsubscribe=One-Click}, as
 * multipart/form-data or application/x-www-form-urlencoded, so both are read, each by the platform's parser (the
 * servlet container's form parser; Jakarta Mail's MIME parser for multipart, RFC 7578). Sluice's own confirmation
 * page posts the same field plus {@code via=page}, which only changes what is recorded.
 *
 * @param oneClick the body carries List-Unsubscribe=One-Click
 * @param fromPage it came from Sluice's confirmation page rather than straight from a mail client
 */
public record OneClickForm(boolean oneClick, boolean fromPage) {

    static final String ONE_CLICK_FIELD = "List-Unsubscribe";
    static final String VIA_FIELD = "via";

    /** From a parsed form: {@code field} gives a field's (first) value, or null. */
    public static OneClickForm of(Function<String, String> field) {
        return new OneClickForm(
                "One-Click".equals(field.apply(ONE_CLICK_FIELD)), "page".equals(field.apply(VIA_FIELD)));
    }

    /**
     * A multipart/form-data body, whole (the caller bounds its size).
     *
     * @param contentType the request's, with its boundary parameter
     * @throws MessagingException when it is not multipart/form-data with that boundary
     */
    public static OneClickForm multipart(String contentType, byte[] body) throws MessagingException, IOException {
        MimeMultipart multipart = new MimeMultipart(new ByteArrayDataSource(body, contentType));
        Map<String, String> fields = new HashMap<>();
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart part = multipart.getBodyPart(i);
            String[] disposition = part.getHeader("Content-Disposition");
            String name = disposition == null ? null : new ContentDisposition(disposition[0]).getParameter("name");
            if (name != null && (name.equals(ONE_CLICK_FIELD) || name.equals(VIA_FIELD))) {
                try (var value = part.getInputStream()) {
                    fields.putIfAbsent(name, new String(value.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        return of(fields::get);
    }
}
