package org.sluice.probe.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The probe's configuration, read once at deployment: from MicroProfile Config (system properties, environment
 * variables, config sources), or a lookup given by the caller.
 *
 * @param probeId               the id Sluice addresses this probe by ({@code sluice.probe.id})
 * @param queueReader           how the MTA queue is counted ({@code sluice.probe.queue-reader}), one of
 *                              {@link #QUEUE_READERS}
 * @param postfixQueueDirectory Postfix's queue_directory ({@code sluice.probe.postfix-queue-directory})
 * @param queueCommand          the command for reader "command", or replacing the standard command of readers
 *                              postqueue/exim/sendmail; {@code null} when not used ({@code sluice.probe.queue-command})
 * @param spoolPath             the path whose filesystem's free space is reported ({@code sluice.probe.spool-path})
 * @param refreshInterval       how often the queue is counted ({@code sluice.probe.refresh-millis})
 */
public record ProbeSettings(
        String probeId,
        String queueReader,
        Path postfixQueueDirectory,
        String queueCommand,
        Path spoolPath,
        Duration refreshInterval) {

    /** Unset: the host name. */
    public static final Setting PROBE_ID = Setting.of("sluice.probe.id");

    public static final Setting QUEUE_READER =
            Setting.of("sluice.probe.queue-reader", "postfix").formerly("sluice.probe.queue.reader");
    public static final Setting POSTFIX_QUEUE_DIRECTORY = Setting.of(
                    "sluice.probe.postfix-queue-directory", "/var/spool/postfix")
            .formerly("sluice.probe.postfix.queue.directory");
    public static final Setting QUEUE_COMMAND =
            Setting.of("sluice.probe.queue-command").formerly("sluice.probe.queue.command");
    /** Unset: the Postfix queue directory for readers postfix and postqueue, else /. */
    public static final Setting SPOOL_PATH =
            Setting.of("sluice.probe.spool-path").formerly("sluice.probe.spool.path");

    public static final Setting REFRESH_MILLIS =
            Setting.of("sluice.probe.refresh-millis", "1000").formerly("sluice.probe.refresh.millis");

    public static final List<String> QUEUE_READERS =
            List.of("postfix", "postqueue", "exim", "sendmail", "command", "none");
    /** Below this the probe would spend its time counting rather than letting the MTA work. */
    public static final long MIN_REFRESH_MILLIS = 50;

    public ProbeSettings {
        Objects.requireNonNull(probeId, "probeId");
        Objects.requireNonNull(queueReader, "queueReader");
        Objects.requireNonNull(postfixQueueDirectory, "postfixQueueDirectory");
        Objects.requireNonNull(spoolPath, "spoolPath");
        Objects.requireNonNull(refreshInterval, "refreshInterval");
    }

    /** From this deployment's MicroProfile Config. */
    public static ProbeSettings fromConfig() {
        return from(name -> ConfigProvider.getConfig().getOptionalValue(name, String.class));
    }

    public static ProbeSettings from(Map<String, String> properties) {
        return from(name -> Optional.ofNullable(properties.get(name)));
    }

    /**
     * @param lookup the value set under a name, if any
     * @throws IllegalArgumentException naming the setting, its bad value and what is allowed
     */
    public static ProbeSettings from(Function<String, Optional<String>> lookup) {
        String reader = QUEUE_READER.value(lookup).orElse(QUEUE_READER.defaultValue());
        if (!QUEUE_READERS.contains(reader)) {
            throw new IllegalArgumentException(
                    QUEUE_READER.name() + " is '" + reader + "': must be one of " + String.join(", ", QUEUE_READERS));
        }
        String command = QUEUE_COMMAND.value(lookup).orElse(null);
        if (reader.equals("command") && command == null) {
            throw new IllegalArgumentException(QUEUE_COMMAND.name() + " is not set: required with "
                    + QUEUE_READER.name() + "=command (a shell command printing the total, or 'incoming active"
                    + " deferred')");
        }
        if (!List.of("command", "postqueue", "exim", "sendmail").contains(reader)) {
            command = null;
        }
        Path postfixDirectory = path(lookup, POSTFIX_QUEUE_DIRECTORY, POSTFIX_QUEUE_DIRECTORY.defaultValue());
        Path defaultSpool = reader.equals("postfix") || reader.equals("postqueue") ? postfixDirectory : Path.of("/");
        Path spool = path(lookup, SPOOL_PATH, defaultSpool.toString());
        return new ProbeSettings(
                PROBE_ID.value(lookup).orElseGet(ProbeSettings::hostName),
                reader,
                postfixDirectory,
                command,
                spool,
                Duration.ofMillis(refreshMillis(REFRESH_MILLIS.value(lookup).orElse(REFRESH_MILLIS.defaultValue()))));
    }

    private static Path path(Function<String, Optional<String>> lookup, Setting setting, String fallback) {
        String v = setting.value(lookup).orElse(fallback);
        try {
            return Path.of(v);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(
                    setting.name() + " is '" + v + "': not a valid path (" + e.getReason() + ")", e);
        }
    }

    private static long refreshMillis(String v) {
        long millis;
        try {
            millis = Long.parseLong(v);
        } catch (NumberFormatException e) {
            millis = -1;
        }
        if (millis < MIN_REFRESH_MILLIS) {
            throw new IllegalArgumentException(REFRESH_MILLIS.name() + " is '" + v + "': must be a whole number of"
                    + " milliseconds, " + MIN_REFRESH_MILLIS + " or more");
        }
        return millis;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "probe";
        }
    }
}
