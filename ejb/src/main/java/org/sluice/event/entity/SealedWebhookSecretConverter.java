package org.sluice.event.entity;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import org.sluice.secret.SealedColumn;
import org.sluice.secret.SealedColumns;

/** A webhook's signing secret is stored sealed with the master key, as MTA passwords are. */
@Converter
public class SealedWebhookSecretConverter implements AttributeConverter<String, String> {

    private final SealedColumn column = new SealedColumn(SealedColumns.WEBHOOK_SECRET);

    @Override
    public String convertToDatabaseColumn(String secret) {
        return column.seal(secret);
    }

    @Override
    public String convertToEntityAttribute(String stored) {
        return column.open(stored);
    }
}
