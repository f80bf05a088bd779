package org.sluice.secret;

/**
 * The database columns that hold sealed secrets and the context each value is sealed to ({@link SecretBox}): the
 * features that store them seal with these, and the sweep in {@code Secrets} seals and checks them by the same.
 */
public final class SealedColumns {

    /** What a sealed MTA password is bound to: column mta.password. */
    public static final String MTA_PASSWORD = "mta.password";

    /** What a webhook's sealed signing secret is bound to: column webhook.secret. */
    public static final String WEBHOOK_SECRET = "webhook.secret";

    private SealedColumns() {}

    /** What a signing key's sealed value is bound to: its row of table signing_key. */
    public static String signingKey(String name) {
        return "signing_key.secret/" + name;
    }
}
