-- Complaints (feedback-loop reports, RFC 5965) about a campaign's messages, counted when each is recorded in table
-- bounce (kind COMPLAINT), so the progress API reads it with the campaign's row instead of counting bounces.
ALTER TABLE campaign ADD COLUMN complaints BIGINT NOT NULL DEFAULT 0;
UPDATE campaign SET complaints = (SELECT COUNT(*) FROM bounce b WHERE b.campaign_id = campaign.id AND b.kind = 'COMPLAINT');
