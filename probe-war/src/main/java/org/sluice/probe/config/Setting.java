package org.sluice.probe.config;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * One probe setting: its name ({@code sluice.probe.<name>}, see docs/configuration.md), its default as an admin would
 * write it or none, and the name it had before the one naming scheme, which is still read (with a warning naming the
 * new one) when the new name is unset: probes are configured on MTA hosts that are upgraded one by one.
 */
public record Setting(String name, String defaultValue, String formerName) {

    private static final Logger LOG = Logger.getLogger(Setting.class.getName());

    public Setting {
        Objects.requireNonNull(name, "name");
    }

    public static Setting of(String name, String defaultValue) {
        return new Setting(name, Objects.requireNonNull(defaultValue, "defaultValue"), null);
    }

    /** A setting without a fixed default. */
    public static Setting of(String name) {
        return new Setting(name, null, null);
    }

    public Setting formerly(String former) {
        return new Setting(name, defaultValue, former);
    }

    /**
     * @param lookup the value set under a name, if any
     * @return the value, stripped, or empty when unset or blank (a CLI script may set it empty)
     */
    public Optional<String> value(Function<String, Optional<String>> lookup) {
        Optional<String> value = nonBlank(lookup.apply(name));
        if (formerName != null) {
            Optional<String> old = nonBlank(lookup.apply(formerName));
            if (old.isPresent()) {
                LOG.warning(
                        value.isPresent()
                                ? formerName + " is set but ignored: it was renamed " + name
                                        + ", which is set too. Remove " + formerName + "."
                                : formerName + " is deprecated: it was renamed " + name
                                        + ". Its value is used for now; set " + name + " instead.");
                return value.isPresent() ? value : old;
            }
        }
        return value;
    }

    private static Optional<String> nonBlank(Optional<String> value) {
        return value.map(String::strip).filter(v -> !v.isEmpty());
    }
}
