package org.sluice.secret;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sluice.config.SettingSource;

class MasterKeyTest {

    @TempDir
    Path config;

    @Test
    void theFirstStartCreatesAKeyFileOnlyItsOwnerCanReadAndLaterStartsReadIt() throws Exception {
        Properties system = new Properties();
        system.setProperty("jboss.server.config.dir", config.toString());

        byte[] first = MasterKey.fromSettings(settings(system));
        byte[] again = MasterKey.fromSettings(settings(system));

        Path file = config.resolve(MasterKey.DEFAULT_FILE_NAME);
        assertEquals(32, first.length);
        assertArrayEquals(first, again);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertArrayEquals(
                first, Base64.getDecoder().decode(Files.readString(file).strip()));
        try (var left = Files.list(config)) {
            assertEquals(1, left.count(), "no temporary file left beside it");
        }
    }

    @Test
    void aConfiguredKeyWinsOverTheFileAndAConfiguredFileOverTheDefault() throws Exception {
        byte[] key = new byte[32];
        key[0] = 1;
        Path elsewhere = config.resolve("keys").resolve("sluice.key");
        Properties system = new Properties();
        system.setProperty("jboss.server.config.dir", config.toString());
        system.setProperty(MasterKey.FILE.name(), elsewhere.toString());

        byte[] fromFile = MasterKey.fromSettings(settings(system));
        system.setProperty(MasterKey.KEY.name(), Base64.getEncoder().encodeToString(key));

        assertTrue(Files.exists(elsewhere));
        assertTrue(Files.notExists(config.resolve(MasterKey.DEFAULT_FILE_NAME)));
        assertArrayEquals(key, MasterKey.fromSettings(settings(system)));
        assertEquals(32, fromFile.length);
    }

    @Test
    void aKeyOfTheWrongSizeIsRefusedNamingWhereItCameFrom() throws Exception {
        Properties system = new Properties();
        system.setProperty(MasterKey.KEY.name(), Base64.getEncoder().encodeToString(new byte[16]));
        IllegalStateException shortKey =
                assertThrows(IllegalStateException.class, () -> MasterKey.fromSettings(settings(system)));
        assertEquals(
                "sluice.secrets.key holds 16 bytes: Sluice's master key has 32" + " (e.g. openssl rand -base64 32)",
                shortKey.getMessage());

        Path file = Files.writeString(config.resolve("bad.key"), "not base64!");
        IllegalStateException bad = assertThrows(IllegalStateException.class, () -> MasterKey.readOrCreate(file));
        assertTrue(bad.getMessage().startsWith("key file " + file + " is not base64"), bad.getMessage());
    }

    @Test
    void theKeyFilesFormerSettingNameIsStillRead() throws Exception {
        Path elsewhere = config.resolve("old-name.key");
        Properties system = new Properties();
        system.setProperty("sluice.secrets.key.file", elsewhere.toString());

        byte[] key = MasterKey.fromSettings(settings(system));

        assertArrayEquals(
                key, Base64.getDecoder().decode(Files.readString(elsewhere).strip()));
    }

    private static SettingSource settings(Properties system) {
        return name -> Optional.ofNullable(system.getProperty(name));
    }
}
