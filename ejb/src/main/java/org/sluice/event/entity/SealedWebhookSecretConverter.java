package org.sluice.event.entity;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import org.sluice.config.SettingSource;
import org.sluice.secret.MasterKey;
import org.sluice.secret.SealedColumns;
import org.sluice.secret.SecretBox;

/** A webhook's signing secret is stored sealed with the master key, as MTA passwords are. */
@Converter
public class SealedWebhookSecretConverter implements AttributeConverter<String, String> {

    // Made by the persistence provider, outside CDI: it reads the key itself, once.
    private volatile SecretBox box;

    @Override
    public String convertToDatabaseColumn(String secret) {
        return secret == null ? null : box().seal(secret, SealedColumns.WEBHOOK_SECRET);
    }

    @Override
    public String convertToEntityAttribute(String stored) {
        return stored == null ? null : box().open(stored, SealedColumns.WEBHOOK_SECRET);
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
