package org.sluice.config;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * One setting: its name ({@code sluice.<feature>.<name>}, see docs/configuration.md) and its default as an admin would
 * write it, or none. Read at each call, so where a feature reads it (at each connection, campaign start or pass) is
 * where a change applies. A value that is blank counts as unset, as MicroProfile Config has it. A renamed setting's
 * former name (see {@link RenamedSettings}) is still read when the new one is unset, with a warning naming the new one.
 */
public record Setting(String name, String defaultValue) {

    private static final Logger LOG = Logger.getLogger(Setting.class.getName());
    /** Former names already warned about: a setting read per connection would otherwise flood the log. */
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    public Setting {
        Objects.requireNonNull(name, "name");
    }

    public static Setting of(String name, String defaultValue) {
        return new Setting(name, Objects.requireNonNull(defaultValue, "defaultValue"));
    }

    /** A setting without a fixed default: unset means off, or a default worked out at run time. */
    public static Setting of(String name) {
        return new Setting(name, null);
    }

    /** The value set, from MicroProfile Config. */
    public Optional<String> value() {
        return value(SettingSource.microProfileConfig());
    }

    /** The value set, stripped, or empty when unset or blank; under the former name if only that is set. */
    public Optional<String> value(SettingSource source) {
        return rawValue(source).map(String::strip);
    }

    /** The value set, not stripped (a password may end in a space), or empty when unset or blank. */
    public Optional<String> rawValue(SettingSource source) {
        return find(source).map(Found::value);
    }

    /** A value and the name it was set under: this setting's, or a former one. */
    private record Found(String name, String value) {}

    private Optional<Found> find(SettingSource source) {
        Optional<Found> found = nonBlank(source.lookup(name)).map(v -> new Found(name, v));
        for (String former : RenamedSettings.formerNamesOf(name)) {
            Optional<String> old = nonBlank(source.lookup(former));
            if (old.isPresent()) {
                warnOnce(former, found.isPresent());
                if (found.isEmpty()) {
                    found = Optional.of(new Found(former, old.get()));
                }
            }
        }
        return found;
    }

    /** The value set (stripped) or the default, and the name to report it under when it cannot be used. */
    private Found effective(SettingSource source) {
        return find(source)
                .map(f -> new Found(
                        f.name().equals(name) ? name : f.name() + " (renamed " + name + ")",
                        f.value().strip()))
                .orElseGet(() -> new Found(name, defaultValue));
    }

    /** The value set, else the default (null when there is none). */
    public String text(SettingSource source) {
        return value(source).orElse(defaultValue);
    }

    public String text() {
        return text(SettingSource.microProfileConfig());
    }

    /**
     * @param unit what the number counts, for the error message, e.g. "milliseconds", or ""
     * @throws InvalidSettingException when the value is not a whole number of at least {@code min}
     */
    public long longValue(SettingSource source, long min, String unit) {
        Found found = effective(source);
        try {
            long value = Long.parseLong(Objects.requireNonNull(found.value(), name));
            if (value >= min) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new InvalidSettingException(
                found.name(),
                found.value(),
                "must be a whole number" + (unit.isEmpty() ? "" : " of " + unit) + ", " + min + " or more");
    }

    public long longValue(long min, String unit) {
        return longValue(SettingSource.microProfileConfig(), min, unit);
    }

    public int intValue(SettingSource source, int min, String unit) {
        long value = longValue(source, min, unit);
        if (value > Integer.MAX_VALUE) {
            throw new InvalidSettingException(
                    effective(source).name(), Long.toString(value), "must be at most " + Integer.MAX_VALUE);
        }
        return (int) value;
    }

    public int intValue(int min, String unit) {
        return intValue(SettingSource.microProfileConfig(), min, unit);
    }

    /** @throws InvalidSettingException unless the value is {@code true} or {@code false} (any case) */
    public boolean flag(SettingSource source) {
        Found found = effective(source);
        if ("true".equalsIgnoreCase(found.value()) || "false".equalsIgnoreCase(found.value())) {
            return Boolean.parseBoolean(found.value());
        }
        throw new InvalidSettingException(found.name(), found.value(), "must be true or false");
    }

    private static Optional<String> nonBlank(Optional<String> value) {
        return value.filter(v -> !v.isBlank());
    }

    private void warnOnce(String former, boolean ignored) {
        if (WARNED.add(former)) {
            LOG.warning(() -> ignored
                    ? former + " is set but ignored: it was renamed " + name + ", which is set too. Remove " + former
                            + "."
                    : former + " is deprecated: it was renamed " + name + ". Its value is used for now; set " + name
                            + " instead.");
        }
    }
}
