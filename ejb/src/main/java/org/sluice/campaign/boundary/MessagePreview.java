package org.sluice.campaign.boundary;

/**
 * A campaign's message as one recipient would get it, or why it cannot be rendered.
 *
 * @param recipientId the recipient it was rendered for; null for the sample recipient (a campaign without any)
 * @param problem     what is wrong with the templates (unknown merge field, syntax error); null if it rendered
 */
public record MessagePreview(Long recipientId, String to, String subject, String text, String html, String problem) {

    static MessagePreview failed(Long recipientId, String to, String problem) {
        return new MessagePreview(recipientId, to, null, null, null, problem);
    }
}
