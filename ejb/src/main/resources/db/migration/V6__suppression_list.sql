-- Addresses never to be mailed again, by any campaign: unsubscribed people and hard bounces. Keyed like
-- recipient.address_key (local part as given, domain lower-cased), so the send job can join on it.
CREATE TABLE suppression (
    address_key   VARCHAR(320)  NOT NULL PRIMARY KEY,
    address       VARCHAR(320)  NOT NULL,
    reason        VARCHAR(20)   NOT NULL,
    -- What caused it: "one-click POST", "unsubscribe page", the DSN's status and diagnostic, an admin's note.
    detail        VARCHAR(1000),
    -- The campaign whose message led to it, if any.
    campaign_id   BIGINT,
    suppressed_at TIMESTAMP     NOT NULL
);
