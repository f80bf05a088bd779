package org.sluice.bounce.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.sluice.bounce.control.VerpCodec;
import org.sluice.campaign.boundary.CampaignException;

/**
 * The VERP return paths: the bounce address ({@code sluice.bounce.address}, read at every campaign start and bounce
 * fetch, so a change applies to the next one) and the MAC key: {@code sluice.bounce.secret} if set, else a random
 * 32-byte key stored once in table signing_key under the name 'verp', so every server on the database, and every
 * restart, reads the bounces of messages sent before. Without a bounce address there is no VERP: MAIL FROM is the
 * campaign's From address, as before, and bounces are matched by Message-ID only.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
// Autocommit, outside the caller's transaction: a key that may already be in envelope senders must stay stored.
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ReturnPaths {

    public static final String ADDRESS_PROPERTY = "sluice.bounce.address";
    public static final String SECRET_PROPERTY = "sluice.bounce.secret";
    private static final String KEY_NAME = "verp";
    private static final Logger LOG = Logger.getLogger(ReturnPaths.class.getName());

    @Resource(lookup = "java:jboss/datasources/SluiceDS")
    private DataSource dataSource;

    private volatile byte[] storedKey;

    /**
     * @return the codec for the configured bounce address, or empty when none is configured
     * @throws CampaignException when the bounce address or the configured secret cannot be used (the message names
     *                           the property)
     */
    public Optional<VerpCodec> codec() {
        String address = System.getProperty(ADDRESS_PROPERTY);
        if (address == null || address.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new VerpCodec(address, key()));
        } catch (IllegalArgumentException e) {
            throw new CampaignException(ADDRESS_PROPERTY + " / " + SECRET_PROPERTY + ": " + e.getMessage());
        }
    }

    private byte[] key() {
        String secret = System.getProperty(SECRET_PROPERTY);
        if (secret != null && !secret.isBlank()) {
            return secret.getBytes(StandardCharsets.UTF_8);
        }
        byte[] key = storedKey;
        if (key == null) {
            synchronized (this) {
                key = storedKey;
                if (key == null) {
                    key = readOrCreateKey();
                    storedKey = key;
                }
            }
        }
        return key;
    }

    private byte[] readOrCreateKey() {
        try (Connection c = dataSource.getConnection()) {
            byte[] key = read(c);
            if (key != null) {
                return key;
            }
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO signing_key (name, secret, created_at) VALUES (?, ?, ?)")) {
                insert.setString(1, KEY_NAME);
                insert.setString(2, Base64.getEncoder().encodeToString(fresh));
                insert.setTimestamp(3, Timestamp.from(Instant.now()));
                insert.executeUpdate();
                LOG.info("Generated the key of the VERP return paths (table signing_key, name 'verp')");
                return fresh;
            } catch (SQLException duplicate) {
                // Another server stored its key first: use that one, so both read the same return paths.
                key = read(c);
                if (key == null) {
                    throw duplicate;
                }
                return key;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading or storing the VERP key (table signing_key) failed: "
                    + e.getMessage(), e);
        }
    }

    private static byte[] read(Connection c) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT secret FROM signing_key WHERE name = ?")) {
            select.setString(1, KEY_NAME);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Base64.getDecoder().decode(rs.getString(1)) : null;
            }
        }
    }
}
