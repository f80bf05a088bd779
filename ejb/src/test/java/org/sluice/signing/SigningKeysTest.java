package org.sluice.signing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.sluice.schema.SchemaMigration;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SigningKeysTest {

    private JdbcDataSource dataSource;

    @BeforeEach
    void migratedDatabase() {
        dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:keys" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        SchemaMigration.flyway(dataSource).migrate();
    }

    @Test
    void aKeyIsGeneratedOnceAndEveryLaterReadGetsTheSameOne() {
        byte[] first = SigningKeys.readOrCreate(dataSource, "unsubscribe", "unsubscribe links");
        byte[] again = SigningKeys.readOrCreate(dataSource, "unsubscribe", "unsubscribe links");

        assertEquals(32, first.length);
        assertArrayEquals(first, again);
    }

    @Test
    void eachNameHasItsOwnKey() {
        byte[] unsubscribe = SigningKeys.readOrCreate(dataSource, "unsubscribe", "unsubscribe links");
        byte[] verp = SigningKeys.readOrCreate(dataSource, "verp", "VERP return paths");

        assertFalse(Arrays.equals(unsubscribe, verp));
    }

    @Test
    void aDatabaseWithoutTheTableIsReportedWithTheKeyItWasFor() {
        JdbcDataSource empty = new JdbcDataSource();
        empty.setURL("jdbc:h2:mem:nokeys" + System.nanoTime());
        empty.setUser("sa");

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SigningKeys.readOrCreate(empty, "verp", "VERP return paths"));

        assertTrue(e.getMessage().startsWith("reading or storing the key of the VERP return paths (table signing_key,"
                + " name 'verp') failed: "), e.getMessage());
    }
}
