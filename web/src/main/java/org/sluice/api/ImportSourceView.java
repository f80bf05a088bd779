package org.sluice.api;

import java.time.Instant;
import org.sluice.importsource.entity.ImportSource;

/** An import source as the API shows it; registering takes jndiName and description. */
public record ImportSourceView(
        String name, String jndiName, String description, String registeredBy, Instant registeredAt) {

    static ImportSourceView of(ImportSource source) {
        return new ImportSourceView(
                source.getName(),
                source.getJndiName(),
                source.getDescription(),
                source.getRegisteredBy(),
                source.getRegisteredAt());
    }
}
