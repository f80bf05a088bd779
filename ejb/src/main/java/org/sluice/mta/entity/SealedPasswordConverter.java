package org.sluice.mta.entity;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import org.sluice.secret.SealedColumn;
import org.sluice.secret.SealedColumns;

/**
 * An MTA's SMTP password is stored sealed with the master key (AES-GCM, see SecretBox) and is plaintext only in
 * memory, for SMTP AUTH. A value an admin wrote with SQL opens as it is until the Secrets sweep seals it.
 */
@Converter
public class SealedPasswordConverter implements AttributeConverter<String, String> {

    private final SealedColumn column = new SealedColumn(SealedColumns.MTA_PASSWORD);

    @Override
    public String convertToDatabaseColumn(String secret) {
        return column.seal(secret);
    }

    @Override
    public String convertToEntityAttribute(String stored) {
        return column.open(stored);
    }
}
