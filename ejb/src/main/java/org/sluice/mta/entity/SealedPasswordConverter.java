package org.sluice.mta.entity;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import org.sluice.config.SettingSource;
import org.sluice.secret.MasterKey;
import org.sluice.secret.SealedColumns;
import org.sluice.secret.SecretBox;

/**
 * An MTA's SMTP password is stored sealed with the master key (AES-GCM, see SecretBox) and is plaintext only in
 * memory, for SMTP AUTH. A value an admin wrote with SQL opens as it is until the Secrets sweep seals it.
 */
@Converter
public class SealedPasswordConverter implements AttributeConverter<String, String> {

    // The converter is made by the persistence provider, outside CDI: it reads the key itself, once.
    private volatile SecretBox box;

    @Override
    public String convertToDatabaseColumn(String password) {
        return password == null ? null : box().seal(password, SealedColumns.MTA_PASSWORD);
    }

    @Override
    public String convertToEntityAttribute(String stored) {
        return stored == null ? null : box().open(stored, SealedColumns.MTA_PASSWORD);
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
