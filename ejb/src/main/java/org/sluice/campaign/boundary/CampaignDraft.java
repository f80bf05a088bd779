package org.sluice.campaign.boundary;

/**
 * What an admin gives to create a campaign. Null chunk size, connections or MTA take the defaults.
 */
public record CampaignDraft(String name, String from, String replyTo, String subject, String textTemplate,
                           String htmlTemplate, String mta, Integer chunkSize, Integer connections) {
}
