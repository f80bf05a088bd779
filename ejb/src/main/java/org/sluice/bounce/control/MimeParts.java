package org.sluice.bounce.control;

import jakarta.mail.FolderClosedException;
import jakarta.mail.Header;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.StoreClosedException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

/**
 * Bounded reading of a bounce's MIME structure with Jakarta Mail's classes. A bounce is written by whoever sent it, so
 * every read has a limit and malformed MIME yields less (an empty list, empty bytes), never an exception; only a lost
 * mailbox connection is passed on, since it is not this message's fault and ends the pass.
 */
final class MimeParts {

    /** How deep multiparts nest before the rest is ignored: reports are at most a few levels down in real bounces. */
    static final int MAX_DEPTH = 5;

    static final int MAX_PARTS = 64;

    /** A multipart with a broken boundary is re-read up to here. */
    static final int MAX_REPAIRED_BYTES = 256 * 1024;

    private MimeParts() {}

    /**
     * The leaf parts in order, descending into multipart/* only: a returned message (message/rfc822) is a leaf, its
     * own parts are the original mail's, not the report's.
     */
    static List<Part> leaves(Part root) throws MessagingException {
        List<Part> leaves = new ArrayList<>();
        walk(root, 0, leaves);
        return leaves;
    }

    private static void walk(Part part, int depth, List<Part> leaves) throws MessagingException {
        if (leaves.size() >= MAX_PARTS) {
            return;
        }
        int before = leaves.size();
        boolean multipartType = false;
        try {
            if (!part.isMimeType("multipart/*")) {
                leaves.add(part);
                return;
            }
            multipartType = true;
            if (depth >= MAX_DEPTH || !(part.getContent() instanceof Multipart multipart)) {
                return;
            }
            int count = Math.min(multipart.getCount(), MAX_PARTS);
            for (int i = 0; i < count; i++) {
                walk(multipart.getBodyPart(i), depth + 1, leaves);
            }
        } catch (MessagingException | IOException | RuntimeException malformed) {
            rethrowIfConnectionLost(malformed);
            // A broken part or boundary: keep what was found before it.
            if (multipartType && leaves.size() == before && depth < MAX_DEPTH) {
                repaired(part, depth, leaves);
            }
        }
    }

    /**
     * A multipart whose declared boundary is nowhere in its body (some MTAs write one boundary in the header and
     * another in the body, or none): its parts by the first boundary-shaped line, else its body as one text part.
     */
    private static void repaired(Part part, int depth, List<Part> leaves) throws MessagingException {
        byte[] body = bytes(part, MAX_REPAIRED_BYTES);
        String boundary = firstBoundary(body);
        if (boundary != null) {
            try {
                MimeMultipart multipart = new MimeMultipart(
                        new ByteArrayDataSource(body, "multipart/mixed; boundary=\"" + boundary + "\""));
                int count = Math.min(multipart.getCount(), MAX_PARTS);
                for (int i = 0; i < count; i++) {
                    walk(multipart.getBodyPart(i), depth + 1, leaves);
                }
                if (count > 0) {
                    return;
                }
            } catch (MessagingException | RuntimeException malformed) {
                // Not even so: the body as text.
            }
        }
        InternetHeaders headers = new InternetHeaders();
        headers.setHeader("Content-Type", "text/plain; charset=ISO-8859-1");
        leaves.add(new MimeBodyPart(headers, body));
    }

    /** The first line "--boundary" (RFC 2046 5.1.1: at most 70 characters, no trailing "--"), or null. */
    private static String firstBoundary(byte[] body) {
        String text = new String(body, StandardCharsets.ISO_8859_1);
        for (String line : text.split("\r?\n", 2000)) {
            String stripped = line.stripTrailing();
            if (stripped.startsWith("--")
                    && stripped.length() > 2
                    && stripped.length() <= 72
                    && !stripped.endsWith("--")) {
                return stripped.substring(2);
            }
        }
        return null;
    }

    /** The first leaf of one of these types, or null. */
    static Part first(List<Part> leaves, String... types) {
        for (Part part : leaves) {
            for (String type : types) {
                if (isType(part, type)) {
                    return part;
                }
            }
        }
        return null;
    }

    static boolean isType(Part part, String type) {
        try {
            return part.isMimeType(type);
        } catch (MessagingException | RuntimeException malformed) {
            return false;
        }
    }

    /** At most {@code max} bytes of the part's decoded content; none when it cannot be read. */
    static byte[] bytes(Part part, int max) throws MessagingException {
        try (InputStream in = part.getInputStream()) {
            return in.readNBytes(max);
        } catch (MessagingException | IOException | RuntimeException malformed) {
            rethrowIfConnectionLost(malformed);
            return new byte[0];
        }
    }

    /** At most {@code max} bytes of a text part, decoded with its charset (ISO-8859-1 when unknown: never fails). */
    static String text(Part part, int max) throws MessagingException {
        return new String(bytes(part, max), charsetOf(part));
    }

    private static Charset charsetOf(Part part) {
        try {
            String name = new ContentType(part.getContentType()).getParameter("charset");
            if (name != null) {
                return Charset.forName(MimeUtility.javaCharset(name.strip()));
            }
        } catch (MessagingException | RuntimeException unknown) {
            // Unknown or malformed charset names are common in bounces; the text is still mostly ASCII.
        }
        return StandardCharsets.ISO_8859_1;
    }

    /** Header-shaped bytes (a returned message's headers, a group of report fields) read as headers. */
    static InternetHeaders headers(byte[] bytes) {
        try {
            return new InternetHeaders(new ByteArrayInputStream(bytes));
        } catch (MessagingException | RuntimeException malformed) {
            return new InternetHeaders();
        }
    }

    /** At most this many header fields of a returned message are read. */
    static final int MAX_RETURNED_HEADERS = 200;

    /**
     * The header fields of a returned message (message/rfc822, message/global) as its own Message, or null when the
     * part's content is not one. Read this way because an IMAP server hands such a part's content over as the nested
     * message's body only: its bytes would hold no Return-Path, Message-ID or To at all.
     */
    static InternetHeaders nestedMessageHeaders(Part part) throws MessagingException {
        try {
            if (!(part.getContent() instanceof Message nested)) {
                return null;
            }
            InternetHeaders headers = new InternetHeaders();
            Enumeration<Header> all = nested.getAllHeaders();
            for (int i = 0; all.hasMoreElements() && i < MAX_RETURNED_HEADERS; i++) {
                Header h = all.nextElement();
                headers.addHeader(h.getName(), h.getValue());
            }
            return headers;
        } catch (MessagingException | IOException | RuntimeException malformed) {
            rethrowIfConnectionLost(malformed);
            return null;
        }
    }

    /** The first value of a header, unfolded and with runs of white space made one space; null if absent. */
    static String first(InternetHeaders headers, String name) {
        String value = headers.getHeader(name, null);
        return value == null ? null : oneLine(value);
    }

    /** The first value of a message's header, as {@link #first(InternetHeaders, String)}. */
    static String first(Part part, String name) throws MessagingException {
        String[] values;
        try {
            values = part.getHeader(name);
        } catch (MessagingException | RuntimeException malformed) {
            rethrowIfConnectionLost(malformed);
            return null;
        }
        return values == null || values.length == 0 ? null : oneLine(values[0]);
    }

    static String oneLine(String value) {
        String unfolded = MimeUtility.unfold(value);
        StringBuilder out = new StringBuilder(unfolded.length());
        boolean space = false;
        for (int i = 0; i < unfolded.length(); i++) {
            char c = unfolded.charAt(i);
            if (Character.isWhitespace(c)) {
                space = true;
            } else {
                if (space && out.length() > 0) {
                    out.append(' ');
                }
                space = false;
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Connection losses end the pass (BounceFetcher); anything else about one message only means it is unreadable. */
    static void rethrowIfConnectionLost(Exception e) throws MessagingException {
        if (e instanceof FolderClosedException || e instanceof StoreClosedException) {
            throw (MessagingException) e;
        }
    }
}
