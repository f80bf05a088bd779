package org.sluice.bench;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Set;
import org.sluice.demo.sample.SampleCampaign;
import org.sluice.demo.sample.SampleRecipients;
import org.sluice.message.control.InvalidTemplateException;
import org.sluice.message.control.MessageTemplates;
import org.sluice.message.control.PersonalMessageRenderer;
import org.sluice.recipient.control.PendingRecipient;
import org.sluice.suppression.control.ListUnsubscribe;
import org.sluice.suppression.control.UnsubscribeToken;

/**
 * The demo campaign's message for one sample recipient, rendered by Sluice's own PersonalMessageRenderer (same
 * templates, headers, multipart/alternative structure and bytes), so the plain loop differs from the job only
 * in what the job adds: batch chunks, the database, the container. That includes the List-Unsubscribe headers with
 * a token signed per recipient (HMAC-SHA256), which every campaign message carries: the same messages, the same
 * work to make them.
 */
final class NewsletterMessages {

    private final PersonalMessageRenderer renderer;

    NewsletterMessages() throws MessagingException {
        try {
            MessageTemplates templates = MessageTemplates.compile(
                    SampleCampaign.SUBJECT, SampleCampaign.TEXT, SampleCampaign.HTML, Set.of("first_name", "city"));
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            ListUnsubscribe unsubscribe = new ListUnsubscribe(
                    "https://mail.example.com/sluice",
                    ListUnsubscribe.defaultMailto(SampleCampaign.FROM),
                    new UnsubscribeToken(key));
            this.renderer = new PersonalMessageRenderer(
                    0, templates, SampleCampaign.FROM, SampleCampaign.REPLY_TO, unsubscribe);
        } catch (InvalidTemplateException e) {
            throw new IllegalStateException("the sample campaign's templates: " + e.getMessage(), e);
        }
    }

    MimeMessage render(SampleRecipients.Row row) throws MessagingException {
        PendingRecipient recipient = new PendingRecipient(
                row.number(), row.email(), row.name(), Map.of("first_name", row.firstName(), "city", row.city()));
        return renderer.render(recipient).message();
    }
}
