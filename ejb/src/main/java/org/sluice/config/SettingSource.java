package org.sluice.config;

import java.util.Map;
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
        return name -> ConfigProvider.getConfig().getOptionalValue(name, String.class);
    }

    static SettingSource of(Map<String, String> values) {
        return name -> Optional.ofNullable(values.get(name));
    }
}
