-- SMTP 4xx replies defer a recipient: it is tried again at next_attempt_at (exponential backoff) until it is
-- accepted, refused for good, or Sluice gives up (max attempts, or max age counted from deferred_since).
ALTER TABLE recipient ADD COLUMN next_attempt_at TIMESTAMP;
ALTER TABLE recipient ADD COLUMN deferred_since  TIMESTAMP;

-- Summary counters kept by the send path, so a progress request never scans the delivery log:
-- recipients accepted after at least one deferral, and SMTP transactions whose outcome was lost with the
-- connection (the message may or may not have been accepted; the recipient is tried again).
ALTER TABLE campaign ADD COLUMN deferred_then_sent BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE campaign ADD COLUMN unknown_outcomes   BIGINT DEFAULT 0 NOT NULL;
