package org.sluice.config;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The server's settings whose names changed to the one scheme ({@code sluice.<feature>.<name>}, words in kebab-case,
 * the unit last), former name first. A former name still set is honoured, with a warning naming the new one, rather
 * than refused: installations set these names in their start scripts and CLI files, and a warning lets them move at
 * their next change instead of failing at their next start. docs/configuration.md lists the same renames.
 */
public final class RenamedSettings {

    private static final Map<String, String> CURRENT_BY_FORMER = Map.ofEntries(
            renamed("sluice.upload.max.bytes", "sluice.upload.max-bytes"),
            renamed("sluice.request.max.bytes", "sluice.request.max-bytes"),
            renamed("sluice.upload.retention.hours", "sluice.upload.retention-hours"),
            renamed("sluice.secrets.key.file", "sluice.secrets.key-file"),
            renamed("sluice.smtp.connect.timeout.millis", "sluice.smtp.connect-timeout-millis"),
            renamed("sluice.smtp.read.timeout.millis", "sluice.smtp.read-timeout-millis"),
            renamed("sluice.smtp.write.timeout.millis", "sluice.smtp.write-timeout-millis"),
            renamed("sluice.load.status.max-age.millis", "sluice.load.status-max-age-millis"),
            renamed("sluice.probe.timeout.millis", "sluice.load.probe-timeout-millis"),
            renamed("sluice.load.unknown.retry.millis", "sluice.load.unknown-retry-millis"),
            renamed("sluice.load.unreachable.retry.seconds", "sluice.load.unreachable-retry-seconds"),
            renamed("sluice.load.max-backoff.seconds", "sluice.load.max-backoff-seconds"),
            renamed("sluice.bounce.fetch.interval.seconds", "sluice.bounce.fetch-interval-seconds"));

    private static final Map<String, List<String>> FORMER_BY_CURRENT = CURRENT_BY_FORMER.entrySet().stream()
            .collect(Collectors.groupingBy(
                    Map.Entry::getValue, Collectors.mapping(Map.Entry::getKey, Collectors.toUnmodifiableList())));

    private RenamedSettings() {}

    /** Current name by former name. */
    public static Map<String, String> all() {
        return CURRENT_BY_FORMER;
    }

    /** The former names of a setting, usually none. */
    public static List<String> formerNamesOf(String name) {
        return FORMER_BY_CURRENT.getOrDefault(name, List.of());
    }

    private static Map.Entry<String, String> renamed(String former, String current) {
        return Map.entry(former, current);
    }
}
