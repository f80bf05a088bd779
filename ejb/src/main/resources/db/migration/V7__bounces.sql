-- Bounces: every delivery status notification (RFC 3464) the bounce reader attributed to a Sluice message. A hard
-- bounce also turns its recipient FAILED and suppresses the address; a soft one only notes it on the recipient.
CREATE SEQUENCE bounce_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE bounce (
    id              BIGINT         NOT NULL PRIMARY KEY,
    campaign_id     BIGINT         NOT NULL REFERENCES campaign (id),
    recipient_id    BIGINT         NOT NULL REFERENCES recipient (id),
    -- HARD (failed, 5.x.x) or SOFT (delayed, or failed with 4.x.x)
    kind            VARCHAR(10)    NOT NULL,
    action          VARCHAR(20),
    -- RFC 3463 status, e.g. 5.1.1
    status          VARCHAR(20),
    diagnostic      VARCHAR(1000),
    final_recipient VARCHAR(320),
    -- VERP (MAC checked) or MESSAGE_ID (and the DSN named the recipient's address)
    matched_by      VARCHAR(12)    NOT NULL,
    -- The DSN's Message-ID (or a digest of it): the same DSN read twice is recorded once.
    report_id       VARCHAR(400)   NOT NULL,
    received_at     TIMESTAMP      NOT NULL,
    CONSTRAINT bounce_report_unique UNIQUE (recipient_id, report_id)
);
CREATE INDEX bounce_campaign ON bounce (campaign_id, received_at);
