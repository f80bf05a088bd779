package org.sluice.signing;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.sluice.secret.SealedColumns;
import org.sluice.secret.SecretBox;

/**
 * The keys Sluice signs with (unsubscribe tokens, VERP return paths), generated once and kept in table
 * {@code signing_key}, so every server on the database and every restart verify what was signed before. Each is
 * sealed with the master key ({@link SecretBox}): whoever reads the database alone cannot forge links or bounces.
 */
public final class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class.getName());

    private SigningKeys() {}

    /**
     * The stored key of this name, or a new random 32-byte key stored (sealed) under it.
     *
     * @param purpose what the key signs, for the log and for errors
     */
    public static byte[] readOrCreate(DataSource dataSource, SecretBox box, String name, String purpose) {
        try (Connection c = dataSource.getConnection()) {
            byte[] key = read(c, box, name);
            if (key != null) {
                return key;
            }
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            try (PreparedStatement insert =
                    c.prepareStatement("INSERT INTO signing_key (name, secret, created_at) VALUES (?, ?, ?)")) {
                insert.setString(1, name);
                insert.setString(
                        2, box.seal(Base64.getEncoder().encodeToString(fresh), SealedColumns.signingKey(name)));
                insert.setTimestamp(3, Timestamp.from(Instant.now()));
                insert.executeUpdate();
                LOG.info(() -> "Generated the key of the " + purpose + " (table signing_key, name '" + name + "')");
                return fresh;
            } catch (SQLException duplicate) {
                // Another server stored its key first: use that one, so both sign and verify alike.
                key = read(c, box, name);
                if (key == null) {
                    throw duplicate;
                }
                return key;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "reading or storing the key of the " + purpose + " (table signing_key, name '" + name
                            + "') failed: " + e.getMessage(),
                    e);
        }
    }

    private static byte[] read(Connection c, SecretBox box, String name) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT secret FROM signing_key WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet rs = select.executeQuery()) {
                // A row from before sealing opens as it is; the Secrets sweep seals it.
                return rs.next()
                        ? Base64.getDecoder().decode(box.open(rs.getString(1), SealedColumns.signingKey(name)))
                        : null;
            }
        }
    }
}
