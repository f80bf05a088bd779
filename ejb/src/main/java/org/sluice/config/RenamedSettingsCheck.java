package org.sluice.config;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;

/**
 * Warns at deployment about every former setting name still set, including those only the server's CLI scripts
 * resolve (which no Sluice code reads), so an admin sees all of them in one place at start.
 */
@Singleton
@Startup
public class RenamedSettingsCheck {

    @PostConstruct
    void warnAboutFormerNames() {
        RenamedSettings.all().values().stream()
                .distinct()
                .forEach(current -> Setting.of(current).value());
    }
}
