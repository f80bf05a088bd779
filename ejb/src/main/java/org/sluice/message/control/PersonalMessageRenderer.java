package org.sluice.message.control;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import org.sluice.recipient.control.PendingRecipient;
import org.sluice.suppression.control.ListUnsubscribe;

/**
 * Renders one recipient's message: multipart/alternative (text, then HTML: RFC 2046 5.1.4 puts the
 * preferred part last), UTF-8, with a Message-ID that is the same every time this campaign renders this
 * recipient, so a resend after a crash can be recognised downstream. Every header is ASCII: non-ASCII names and
 * subjects as RFC 2047 encoded-words, so relays pass them unchanged and a DKIM signature over them still verifies.
 * One renderer per campaign; thread-safe.
 */
public final class PersonalMessageRenderer {

    /** A Session only to build messages; sending uses the writer's own Session and Transport. */
    private static final Session RENDER_SESSION = Session.getInstance(new Properties());

    private final long campaignId;
    private final MessageTemplates templates;
    private final InternetAddress from;
    private final InternetAddress[] replyTo;
    private final String idDomain;
    private final ListUnsubscribe unsubscribe;
    private final EnvelopeSenders envelopeSenders;
    /** The List-Id value, folded once: the same for every message of the campaign. */
    private final String listId;

    public PersonalMessageRenderer(long campaignId, MessageTemplates templates, String fromAddress, String replyTo)
            throws AddressException {
        this(campaignId, templates, fromAddress, replyTo, null);
    }

    /** @param unsubscribe List-Unsubscribe headers for every message (RFC 2369, RFC 8058); null for none */
    public PersonalMessageRenderer(
            long campaignId,
            MessageTemplates templates,
            String fromAddress,
            String replyTo,
            ListUnsubscribe unsubscribe)
            throws AddressException {
        this(campaignId, templates, fromAddress, replyTo, unsubscribe, null);
    }

    /** @param envelopeSenders each message's MAIL FROM (VERP); null leaves it to the connection (the From address) */
    public PersonalMessageRenderer(
            long campaignId,
            MessageTemplates templates,
            String fromAddress,
            String replyTo,
            ListUnsubscribe unsubscribe,
            EnvelopeSenders envelopeSenders)
            throws AddressException {
        this(campaignId, templates, fromAddress, replyTo, unsubscribe, envelopeSenders, null);
    }

    /** @param campaignName the display phrase of the List-Id header; null for the identifier alone */
    public PersonalMessageRenderer(
            long campaignId,
            MessageTemplates templates,
            String fromAddress,
            String replyTo,
            ListUnsubscribe unsubscribe,
            EnvelopeSenders envelopeSenders,
            String campaignName)
            throws AddressException {
        this.envelopeSenders = envelopeSenders;
        this.unsubscribe = unsubscribe;
        this.campaignId = campaignId;
        this.templates = templates;
        this.from = SenderAddresses.parseOne(fromAddress);
        this.replyTo = replyTo == null || replyTo.isBlank() ? null : SenderAddresses.parseList(replyTo);
        String address = from.getAddress();
        this.idDomain = address.substring(address.lastIndexOf('@') + 1);
        this.listId = ListId.of(campaignId, campaignName, idDomain).folded();
    }

    public PersonalMessage render(PendingRecipient recipient) throws MessagingException {
        Map<String, String> values = valuesOf(recipient);
        String messageId = "<sluice." + campaignId + "." + recipient.id() + "@" + idDomain + ">";
        FixedIdMimeMessage message = new FixedIdMimeMessage(RENDER_SESSION, messageId);
        message.setFrom(from);
        if (replyTo != null) {
            message.setReplyTo(replyTo);
        }
        message.setRecipient(Message.RecipientType.TO, addressOf(recipient));
        message.setSubject(singleLine(templates.subject(values)), StandardCharsets.UTF_8.name());
        message.setSentDate(new Date());
        message.setHeader(ListId.HEADER, listId);
        if (unsubscribe != null) {
            message.setHeader(ListUnsubscribe.HEADER, unsubscribe.header(campaignId, recipient.id()));
            // RFC 8058 3.1: one-click only with an https URI, which ListUnsubscribe knows.
            if (unsubscribe.oneClick()) {
                message.setHeader(ListUnsubscribe.POST_HEADER, ListUnsubscribe.ONE_CLICK);
            }
        }
        if (templates.hasText() && templates.hasHtml()) {
            MimeMultipart alternative = new MimeMultipart("alternative");
            MimeBodyPart text = new MimeBodyPart();
            setText(text, templates.text(values), "plain");
            MimeBodyPart html = new MimeBodyPart();
            setText(html, templates.html(values), "html");
            alternative.addBodyPart(text);
            alternative.addBodyPart(html);
            message.setContent(alternative);
        } else if (templates.hasHtml()) {
            setText(message, templates.html(values), "html");
        } else {
            setText(message, templates.text(values), "plain");
        }
        // Transport.sendMessage does not call saveChanges(); it fixes headers and the Message-ID.
        message.saveChanges();
        return new PersonalMessage(
                recipient.id(),
                messageId,
                message,
                envelopeSenders == null ? null : envelopeSenders.of(campaignId, recipient.id()),
                recipient.notBefore());
    }

    /**
     * Sets a text body, its line breaks made CRLF, with its Content-Transfer-Encoding chosen from the String at hand.
     * Left unset, saveChanges() finds it by streaming the whole body through the charset encoder once more, which was
     * an eighth of the send thread's time.
     */
    private static void setText(MimePart part, String body, String subtype) throws MessagingException {
        String canonical = CrlfText.of(body);
        part.setText(canonical, StandardCharsets.UTF_8.name(), subtype);
        part.setHeader("Content-Transfer-Encoding", TransferEncoding.of(canonical));
    }

    /** The values a recipient's templates are rendered with: its merge fields, email and name. */
    public static Map<String, String> valuesOf(PendingRecipient recipient) {
        Map<String, String> values = new HashMap<>(recipient.mergeValues().size() * 2 + 4);
        values.putAll(recipient.mergeValues());
        values.put("email", recipient.address());
        values.put("name", recipient.displayName() == null ? "" : recipient.displayName());
        return values;
    }

    private static InternetAddress addressOf(PendingRecipient recipient) throws MessagingException {
        try {
            InternetAddress to = new InternetAddress(recipient.address(), true);
            if (recipient.displayName() != null) {
                // setPersonal quotes and RFC 2047-encodes the name; line breaks never reach the header.
                to.setPersonal(singleLine(recipient.displayName()), StandardCharsets.UTF_8.name());
            }
            return to;
        } catch (UnsupportedEncodingException e) {
            throw new MessagingException("UTF-8 unsupported", e);
        }
    }

    /** Header values are one line: a CR or LF from a merge value must never start a new header. */
    static String singleLine(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < 0x20) {
                return CONTROL_RUNS.matcher(value).replaceAll(" ").strip();
            }
        }
        return value.strip();
    }

    private static final Pattern CONTROL_RUNS = Pattern.compile("[\\u0000-\\u001f]+");
}
