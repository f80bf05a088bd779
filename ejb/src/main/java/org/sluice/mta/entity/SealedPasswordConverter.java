package org.sluice.mta.entity;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import org.sluice.secret.control.MasterKey;
import org.sluice.secret.control.SecretBox;

/**
 * An MTA's SMTP password is stored sealed with the master key (AES-GCM, see SecretBox) and is plaintext only in
 * memory, for SMTP AUTH. A value an admin wrote with SQL opens as it is until the Secrets sweep seals it.
 */
@Converter
public class SealedPasswordConverter implements AttributeConverter<String, String> {

    /** What a sealed MTA password is bound to: this column. */
    public static final String CONTEXT = "mta.password";

    // The converter is made by the persistence provider, outside CDI: it reads the key itself, once.
    private volatile SecretBox box;

    @Override
    public String convertToDatabaseColumn(String password) {
        return password == null ? null : box().seal(password, CONTEXT);
    }

    @Override
    public String convertToEntityAttribute(String stored) {
        return stored == null ? null : box().open(stored, CONTEXT);
    }

    private SecretBox box() {
        SecretBox b = box;
        if (b == null) {
            b = new SecretBox(MasterKey.fromSystem(System.getProperties()));
            box = b;
        }
        return b;
    }
}
