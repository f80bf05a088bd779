package org.sluice.recipient.entity;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Map;

/** Stores a recipient's merge values as one JSON object column (fields differ per campaign). */
@Converter
public class MergeValuesConverter implements AttributeConverter<Map<String, String>, String> {

    @Override
    public String convertToDatabaseColumn(Map<String, String> values) {
        return MergeValuesCodec.encode(values);
    }

    @Override
    public Map<String, String> convertToEntityAttribute(String json) {
        return MergeValuesCodec.decode(json);
    }
}
