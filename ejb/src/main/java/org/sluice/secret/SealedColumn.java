package org.sluice.secret;

import org.sluice.config.SettingSource;

/**
 * A column that holds secrets sealed with the master key ({@link SecretBox}), bound to its context (the column), for
 * the JPA converters of such columns. Converters are made by the persistence provider, outside CDI, so this reads
 * the key itself, once.
 */
public final class SealedColumn {

    private final String context;
    private volatile SecretBox box;

    public SealedColumn(String context) {
        this.context = context;
    }

    public String seal(String secret) {
        return secret == null ? null : box().seal(secret, context);
    }

    public String open(String stored) {
        return stored == null ? null : box().open(stored, context);
    }

    private SecretBox box() {
        SecretBox b = box;
        if (b == null) {
            b = new SecretBox(MasterKey.fromSettings(SettingSource.microProfileConfig()));
            box = b;
        }
        return b;
    }
}
