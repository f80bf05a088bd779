package org.sluice.signing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Base64;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sluice.schema.SchemaMigration;
import org.sluice.secret.SecretBox;

class SigningKeysTest {

    private JdbcDataSource dataSource;
    private final SecretBox box = new SecretBox(new byte[32]);

    @BeforeEach
    void migratedDatabase() {
        dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:keys" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        SchemaMigration.flyway(dataSource).migrate();
    }

    @Test
    void aKeyIsGeneratedOnceAndEveryLaterReadGetsTheSameOne() {
        byte[] first = SigningKeys.readOrCreate(dataSource, box, "unsubscribe", "unsubscribe links");
        byte[] again = SigningKeys.readOrCreate(dataSource, box, "unsubscribe", "unsubscribe links");

        assertEquals(32, first.length);
        assertArrayEquals(first, again);
    }

    @Test
    void theStoredRowIsSealedAndAPlaintextRowFromBeforeStillReads() throws Exception {
        byte[] key = SigningKeys.readOrCreate(dataSource, box, "unsubscribe", "unsubscribe links");
        byte[] legacy = new byte[32];
        legacy[0] = 42;
        String legacyBase64 = Base64.getEncoder().encodeToString(legacy);
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO signing_key (name, secret, created_at) VALUES ('verp', '" + legacyBase64
                    + "', CURRENT_TIMESTAMP)");
            try (ResultSet rs = s.executeQuery("SELECT secret FROM signing_key WHERE name = 'unsubscribe'")) {
                rs.next();
                assertTrue(SecretBox.isSealed(rs.getString(1)), rs.getString(1));
                assertFalse(rs.getString(1).contains(Base64.getEncoder().encodeToString(key)), rs.getString(1));
            }
        }

        assertArrayEquals(legacy, SigningKeys.readOrCreate(dataSource, box, "verp", "VERP return paths"));
    }

    @Test
    void eachNameHasItsOwnKey() {
        byte[] unsubscribe = SigningKeys.readOrCreate(dataSource, box, "unsubscribe", "unsubscribe links");
        byte[] verp = SigningKeys.readOrCreate(dataSource, box, "verp", "VERP return paths");

        assertFalse(Arrays.equals(unsubscribe, verp));
    }

    @Test
    void aDatabaseWithoutTheTableIsReportedWithTheKeyItWasFor() {
        JdbcDataSource empty = new JdbcDataSource();
        empty.setURL("jdbc:h2:mem:nokeys" + System.nanoTime());
        empty.setUser("sa");

        IllegalStateException e = assertThrows(
                IllegalStateException.class, () -> SigningKeys.readOrCreate(empty, box, "verp", "VERP return paths"));

        assertTrue(
                e.getMessage()
                        .startsWith("reading or storing the key of the VERP return paths (table signing_key,"
                                + " name 'verp') failed: "),
                e.getMessage());
    }
}
