package org.sluice.config;

import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/** Where setting values come from: MicroProfile Config on the server, a map in tests. */
@FunctionalInterface
public interface SettingSource {

    /** The value set under this exact name, if any. */
    Optional<String> lookup(String name);

    /**
     * The calling application's MicroProfile Config, asked at each lookup. Nothing is cached: SmallRye Config reads
     * system properties live, so a property changed through the management CLI applies at the next read.
     */
    static SettingSource microProfileConfig() {
        return name -> {
            try {
                return ConfigProvider.getConfig().getOptionalValue(name, String.class);
            } catch (NoSuchElementException | IllegalArgumentException e) {
                // An expression in the value that does not resolve, e.g. ${ENC::...} given on the command line, which
                // only WildFly's management model decrypts.
                throw new InvalidSettingException(name + " cannot be read: " + e.getMessage()
                        + " (MicroProfile Config expands ${...} in values; write a literal ${ as \\${)");
            }
        };
    }

    static SettingSource of(Map<String, String> values) {
        return name -> Optional.ofNullable(values.get(name));
    }
}
