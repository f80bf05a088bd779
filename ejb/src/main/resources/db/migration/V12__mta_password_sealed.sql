-- MTA passwords are stored sealed (AES-GCM with a master key kept outside the database, see
-- org.sluice.secret): 'aesgcm1:' + base64 of nonce, ciphertext and tag, longer than the plaintext was.
-- Existing plaintext passwords and signing keys are sealed in place by Sluice at its next start.
ALTER TABLE mta ALTER COLUMN password SET DATA TYPE VARCHAR(1000);
