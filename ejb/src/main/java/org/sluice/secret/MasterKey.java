package org.sluice.secret;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.sluice.config.Setting;
import org.sluice.config.SettingSource;

/**
 * The key that seals Sluice's secrets in its database, kept out of the database: the setting
 * {@code sluice.secrets.key} (base64 of 32 bytes; an admin may give it as a system property holding an Elytron
 * encrypted expression, {@code ${ENC::resolver:...}}, so it is not in standalone.xml in clear either), else the key
 * file {@code sluice.secrets.key-file} (default {@code <server config dir>/sluice-secrets.key}), created on first start with
 * 32 random bytes, readable by the server's OS user only (0600). Every server sharing a database needs the same key.
 */
public final class MasterKey {

    public static final Setting KEY = Setting.of("sluice.secrets.key");
    /** Unset: {@value #DEFAULT_FILE_NAME} in the server's configuration directory. */
    public static final Setting FILE = Setting.of("sluice.secrets.key-file");

    static final String DEFAULT_FILE_NAME = "sluice-secrets.key";

    private static final Logger LOG = Logger.getLogger(MasterKey.class.getName());
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private MasterKey() {}

    /** The master key as the settings say (the server's configuration directory is the system property's). */
    public static byte[] fromSettings(SettingSource settings) {
        Optional<String> configured = KEY.value(settings);
        if (configured.isPresent()) {
            return decode(configured.get(), KEY.name());
        }
        Optional<String> file = FILE.value(settings);
        if (file.isEmpty()) {
            Optional<String> configDir = settings.lookup("jboss.server.config.dir");
            if (configDir.isEmpty()) {
                throw new IllegalStateException("no master key: set " + KEY.name() + " or " + FILE.name()
                        + " (jboss.server.config.dir is not set either)");
            }
            return readOrCreate(Path.of(configDir.get(), DEFAULT_FILE_NAME));
        }
        return readOrCreate(Path.of(file.get()));
    }

    /** The key in the file, or a new random key written to a new file readable by its owner only. */
    public static byte[] readOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                if (create(file, Base64.getEncoder().encodeToString(fresh) + "\n")) {
                    LOG.warning(() -> "Generated Sluice's master key in " + file + ": it decrypts the secrets in the"
                            + " database. Back it up apart from the database; give every server on this database"
                            + " the same file.");
                    return fresh;
                }
            }
            warnIfOthersMayRead(file);
            return decode(Files.readString(file, StandardCharsets.US_ASCII).strip(), "key file " + file);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "reading or creating Sluice's master key file " + file + " failed: " + e, e);
        }
    }

    /** @return false when another process created the file first (then its key is the one to read) */
    private static boolean create(Path file, String content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        boolean posix = Files.getFileStore(dir).supportsFileAttributeView("posix");
        // Written in full under another name, then linked in place: a reader never sees a partial key, a second
        // server starting at the same moment keeps the first one's key, and the file is never readable by others.
        Path written = posix
                ? Files.createTempFile(dir, ".sluice-secrets", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : Files.createTempFile(dir, ".sluice-secrets", ".tmp");
        try {
            Files.writeString(written, content, StandardCharsets.US_ASCII);
            try {
                Files.createLink(file, written);
            } catch (UnsupportedOperationException noHardLinks) {
                Files.move(written, file);
            }
            return true;
        } catch (FileAlreadyExistsException raced) {
            return false;
        } finally {
            Files.deleteIfExists(written);
        }
    }

    private static void warnIfOthersMayRead(Path file) throws IOException {
        if (!Files.getFileStore(file).supportsFileAttributeView("posix")) {
            return;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        if (!OWNER_ONLY.containsAll(permissions)) {
            LOG.warning(() -> "Sluice's master key file " + file + " is " + PosixFilePermissions.toString(permissions)
                    + ": make it readable by the server's user only (chmod 600)");
        }
    }

    private static byte[] decode(String base64, String where) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    where + " is not base64 (of 32 random bytes, e.g. openssl rand -base64 32)");
        }
        if (key.length != 32) {
            throw new IllegalStateException(where + " holds " + key.length + " bytes: Sluice's master key has 32"
                    + " (e.g. openssl rand -base64 32)");
        }
        return key;
    }
}
