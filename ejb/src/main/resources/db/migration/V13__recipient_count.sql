-- A campaign's recipients counted by state, kept with the outcomes: every transaction that stores a recipient or
-- moves one to another state adds its changes here before it commits (once per transaction and campaign, e.g. once
-- per ledger group of 200 outcomes). Reading a campaign's counts is then a primary-key read of this row instead of
-- counting its recipients and outcome rows (a million of each for a large campaign; see docs/benchmarks.md).
-- recipients = pending + sent + deferred + failed + suppressed; a recipient without an outcome row is pending.
CREATE TABLE recipient_count (
    campaign_id BIGINT NOT NULL PRIMARY KEY REFERENCES campaign (id),
    recipients  BIGINT NOT NULL,
    pending     BIGINT NOT NULL,
    sent        BIGINT NOT NULL,
    deferred    BIGINT NOT NULL,
    failed      BIGINT NOT NULL,
    suppressed  BIGINT NOT NULL
);

-- Every existing campaign starts from a count of its tables, so an upgraded database is right from the start.
INSERT INTO recipient_count (campaign_id, recipients, pending, sent, deferred, failed, suppressed)
SELECT c.id,
       COUNT(r.id),
       SUM(CASE WHEN r.id IS NOT NULL AND (o.state IS NULL OR o.state = 'PENDING') THEN 1 ELSE 0 END),
       SUM(CASE WHEN o.state = 'SENT' THEN 1 ELSE 0 END),
       SUM(CASE WHEN o.state = 'DEFERRED' THEN 1 ELSE 0 END),
       SUM(CASE WHEN o.state = 'FAILED' THEN 1 ELSE 0 END),
       SUM(CASE WHEN o.state = 'SUPPRESSED' THEN 1 ELSE 0 END)
FROM campaign c
LEFT JOIN recipient r ON r.campaign_id = c.id
LEFT JOIN recipient_outcome o ON o.recipient_id = r.id
GROUP BY c.id;
