package org.sluice.bounce.control;

import jakarta.mail.Session;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Where bounces are fetched from, read from system properties ({@code sluice.bounce.*}, see README) each time, so an
 * admin's change through the management CLI applies at the next fetch without a redeploy.
 *
 * @param protocol imap, imaps, pop3 or pop3s
 * @param port     -1 for the protocol's default
 * @param starttls require STARTTLS on imap/pop3 (imaps/pop3s are TLS from the start)
 */
public record BounceMailboxSettings(
        String protocol, String host, int port, String user, String password, String folder, boolean starttls) {

    private static final Set<String> PROTOCOLS = Set.of("imap", "imaps", "pop3", "pop3s");

    public BounceMailboxSettings {
        protocol = protocol.toLowerCase(Locale.ROOT);
        if (!PROTOCOLS.contains(protocol)) {
            throw new IllegalArgumentException("sluice.bounce.protocol '" + protocol + "' is not one of " + PROTOCOLS);
        }
        if (protocol.startsWith("pop3") && !folder.equalsIgnoreCase("INBOX")) {
            throw new IllegalArgumentException("POP3 has only INBOX, not folder '" + folder + "'");
        }
    }

    /** @return the settings, or empty when no bounce mailbox is configured ({@code sluice.bounce.host} unset) */
    public static Optional<BounceMailboxSettings> from(Properties system) {
        String host = system.getProperty("sluice.bounce.host", "").strip();
        if (host.isEmpty()) {
            return Optional.empty();
        }
        String port = system.getProperty("sluice.bounce.port", "").strip();
        try {
            return Optional.of(new BounceMailboxSettings(
                    system.getProperty("sluice.bounce.protocol", "imap").strip(),
                    host,
                    port.isEmpty() ? -1 : Integer.parseInt(port),
                    system.getProperty("sluice.bounce.user", "").strip(),
                    system.getProperty("sluice.bounce.password", ""),
                    system.getProperty("sluice.bounce.folder", "INBOX").strip(),
                    Boolean.parseBoolean(system.getProperty("sluice.bounce.starttls", "false")
                            .strip())));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("sluice.bounce.port '" + port + "' is not a number");
        }
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
