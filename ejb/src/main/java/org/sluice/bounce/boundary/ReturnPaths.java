package org.sluice.bounce.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import javax.sql.DataSource;
import org.sluice.bounce.control.VerpCodec;
import org.sluice.config.Setting;
import org.sluice.config.SettingSource;
import org.sluice.secret.boundary.Secrets;
import org.sluice.signing.SigningKeys;

/**
 * The VERP return paths: the bounce address ({@code sluice.bounce.address}, read at every campaign start and bounce
 * fetch, so a change applies to the next one) and the MAC key: {@code sluice.bounce.secret} if set, else a random
 * 32-byte key stored once in table signing_key under the name 'verp', so every server on the database, and every
 * restart, reads the bounces of messages sent before. Without a bounce address there is no VERP: MAIL FROM is the
 * campaign's From address, and bounces are matched by Message-ID only.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
// Autocommit, outside the caller's transaction: a key that may already be in envelope senders must stay stored.
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ReturnPaths {

    /** The bounce mailbox's address, the base of every VERP return path; unset means no VERP. */
    public static final Setting ADDRESS = Setting.of("sluice.bounce.address");
    /** The MAC key of the return paths; unset means a generated key stored in the database. */
    public static final Setting SECRET = Setting.of("sluice.bounce.secret");

    private static final String KEY_NAME = "verp";

    @Resource(lookup = "java:jboss/datasources/SluiceDS")
    private DataSource dataSource;

    @EJB
    private Secrets secrets;

    private volatile byte[] storedKey;

    /**
     * @return the codec for the configured bounce address, or empty when none is configured
     * @throws BounceException when the bounce address or the configured secret cannot be used (the message names
     *                           the property)
     */
    public Optional<VerpCodec> codec() {
        String address = ADDRESS.text();
        if (address == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new VerpCodec(address, key()));
        } catch (IllegalArgumentException e) {
            throw new BounceException(ADDRESS.name() + " / " + SECRET.name() + ": " + e.getMessage());
        }
    }

    private byte[] key() {
        Optional<String> secret = SECRET.rawValue(SettingSource.microProfileConfig());
        if (secret.isPresent()) {
            return secret.get().getBytes(StandardCharsets.UTF_8);
        }
        byte[] key = storedKey;
        if (key == null) {
            synchronized (this) {
                key = storedKey;
                if (key == null) {
                    key = SigningKeys.readOrCreate(dataSource, secrets.box(), KEY_NAME, "VERP return paths");
                    storedKey = key;
                }
            }
        }
        return key;
    }
}
