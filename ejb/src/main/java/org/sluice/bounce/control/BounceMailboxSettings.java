package org.sluice.bounce.control;

import jakarta.mail.Session;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.sluice.config.InvalidSettingException;
import org.sluice.config.Setting;
import org.sluice.config.SettingSource;

/**
 * Where bounces are fetched from, read from the {@code sluice.bounce.*} settings at each fetch, so an admin's change
 * through the management CLI applies at the next fetch without a redeploy.
 *
 * @param protocol imap, imaps, pop3 or pop3s
 * @param port     -1 for the protocol's default
 * @param starttls require STARTTLS on imap/pop3 (imaps/pop3s are TLS from the start)
 */
public record BounceMailboxSettings(
        String protocol, String host, int port, String user, String password, String folder, boolean starttls) {

    /** The mailbox server; unset means no bounce mailbox. */
    public static final Setting HOST = Setting.of("sluice.bounce.host");

    public static final Setting PROTOCOL = Setting.of("sluice.bounce.protocol", "imap");
    /** Unset: the protocol's port. */
    public static final Setting PORT = Setting.of("sluice.bounce.port");

    public static final Setting USER = Setting.of("sluice.bounce.user");
    public static final Setting PASSWORD = Setting.of("sluice.bounce.password");
    public static final Setting FOLDER = Setting.of("sluice.bounce.folder", "INBOX");
    public static final Setting STARTTLS = Setting.of("sluice.bounce.starttls", "false");

    private static final Set<String> PROTOCOLS = Set.of("imap", "imaps", "pop3", "pop3s");

    public BounceMailboxSettings {
        protocol = protocol.toLowerCase(Locale.ROOT);
        if (!PROTOCOLS.contains(protocol)) {
            throw new InvalidSettingException(PROTOCOL.name(), protocol, "must be one of " + PROTOCOLS);
        }
        if (protocol.startsWith("pop3") && !folder.equalsIgnoreCase("INBOX")) {
            throw new IllegalArgumentException("POP3 has only INBOX, not folder '" + folder + "'");
        }
    }

    /** @return the settings, or empty when no bounce mailbox is configured ({@code sluice.bounce.host} unset) */
    public static Optional<BounceMailboxSettings> from(SettingSource settings) {
        Optional<String> host = HOST.value(settings);
        if (host.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new BounceMailboxSettings(
                PROTOCOL.text(settings),
                host.get(),
                PORT.value(settings).isEmpty() ? -1 : PORT.intValue(settings, 1, ""),
                USER.value(settings).orElse(""),
                PASSWORD.rawValue(settings).orElse(""),
                FOLDER.text(settings),
                STARTTLS.flag(settings)));
    }

    public boolean isPop3() {
        return protocol.startsWith("pop3");
    }

    /** A Jakarta Mail session for this store (Angus IMAP/POP3 properties). */
    public Session session() {
        String p = "mail." + protocol + ".";
        Properties props = new Properties();
        props.put("mail.store.protocol", protocol);
        props.put(p + "host", host);
        if (port > 0) {
            props.put(p + "port", Integer.toString(port));
        }
        props.put(p + "connectiontimeout", "10000");
        props.put(p + "timeout", "60000");
        if (protocol.endsWith("s")) {
            props.put(p + "ssl.checkserveridentity", "true");
        } else if (starttls) {
            props.put(p + "starttls.enable", "true");
            props.put(p + "starttls.required", "true");
            props.put(p + "ssl.checkserveridentity", "true");
        }
        return Session.getInstance(props);
    }

    /** Where, for messages and logs; never the password. */
    @Override
    public String toString() {
        return protocol + "://" + (user.isEmpty() ? "" : user + "@") + host + (port > 0 ? ":" + port : "") + "/"
                + folder;
    }
}
