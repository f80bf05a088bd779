-- Secrets Sluice generates for itself, by name. 'unsubscribe' signs the tokens in List-Unsubscribe links
-- (HMAC-SHA256): created on first use, so every server sharing this database verifies the others' links.
-- The system property sluice.unsubscribe.secret overrides it.
CREATE TABLE signing_key (
    name       VARCHAR(40)  NOT NULL PRIMARY KEY,
    -- base64 of the key bytes
    secret     VARCHAR(200) NOT NULL,
    created_at TIMESTAMP    NOT NULL
);
