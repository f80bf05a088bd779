package org.sluice.importsource.control;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RecipientQueryCheckTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "SELECT mail AS email, full_name AS name, tier FROM customer ORDER BY id",
                "select lower(trim(mail)) as email, coalesce(nick, full_name) as name from customer c where c.active = true order by c.id",
                "SELECT c.mail AS email, o.total FROM customer c JOIN orders o ON o.customer_id = c.id WHERE o.total > 100 ORDER BY c.id",
                "WITH gold AS (SELECT * FROM customer WHERE tier = 'gold') SELECT mail AS email FROM gold ORDER BY id",
                "SELECT mail AS email FROM customer WHERE id IN (SELECT customer_id FROM orders) ORDER BY id",
                "SELECT mail AS email FROM a UNION SELECT mail FROM b ORDER BY 1",
                "SELECT mail AS email, CASE WHEN tier = 'gold' THEN 'Dear friend' ELSE 'Hello' END AS greeting FROM customer",
                "SELECT mail AS email, CAST(id AS VARCHAR(20)) AS ref, ROW_NUMBER() OVER (ORDER BY id) AS n FROM customer",
                "SELECT mail AS email FROM customer /* ; DROP TABLE customer */ ORDER BY id",
            })
    void aPlainSelectWithEverydayFunctionsMayRun(String query) {
        assertDoesNotThrow(() -> RecipientQueryCheck.check(query));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            H2 Java alias                 | CREATE ALIAS EXEC AS 'String exec(String c) throws Exception { return c; }'  | SELECT
            alias after a select          | SELECT 1; CREATE ALIAS EXEC AS 'String exec(String c) { return c; }'          | SELECT
            create table after a select   | SELECT 1; CREATE TABLE pwned (x INT)                                          | exactly one SELECT
            statement hidden after comment| SELECT mail AS email FROM customer -- note\\n; DROP TABLE customer             | exactly one SELECT
            alias function call           | SELECT EXEC('id') AS email                                                    | the function EXEC
            file read                     | SELECT FILE_READ('/etc/passwd') AS email                                      | the function FILE_READ
            file write                    | SELECT FILE_WRITE('pwned', '/tmp/pwned') AS email                             | the function FILE_WRITE
            csv write of a table          | SELECT CSVWRITE('/tmp/keys.csv', 'SELECT * FROM signing_key') AS email        | the function CSVWRITE
            csv read as a table           | SELECT * FROM CSVREAD('/etc/passwd')                                          | the table function CSVREAD
            nested in an allowed function | SELECT LOWER(pg_read_file('/etc/passwd')) AS email                            | the function pg_read_file
            nested in a sub-select        | SELECT (SELECT FILE_READ('/etc/passwd')) AS email FROM customer               | the function FILE_READ
            in a where clause             | SELECT mail AS email FROM customer WHERE pg_sleep(10) IS NULL                 | the function pg_sleep
            sequence side effect          | SELECT NEXTVAL('campaign_seq') AS email                                       | the function NEXTVAL
            data change table             | SELECT * FROM FINAL TABLE (UPDATE customer SET full_name = 'x')               | not a SELECT Sluice can read
            data-changing WITH            | WITH d AS (DELETE FROM customer RETURNING *) SELECT * FROM d                  | data-changing WITH
            run a remote script           | RUNSCRIPT FROM 'http://127.0.0.1:1/x.sql'                                     | SELECT
            select into                   | SELECT * INTO stolen FROM customer                                            | SELECT INTO
            row locks                     | SELECT mail AS email FROM customer FOR UPDATE                                 | row locks
            delete                        | DELETE FROM recipient                                                         | must be a SELECT
            blank                         | "   "                                                                         | empty
            """)
    void everythingButAPlainSelectIsRefusedWithTheReason(String attack, String query, String reason) {
        String sql = query.replace("\\n", "\n");
        IllegalArgumentException refused =
                assertThrows(IllegalArgumentException.class, () -> RecipientQueryCheck.check(sql), attack);
        assertTrue(refused.getMessage().contains(reason), attack + ": " + refused.getMessage());
    }

    @org.junit.jupiter.api.Test
    void aQueryLongerThanTheLimitIsRefusedBeforeParsing() {
        String query = "SELECT mail AS email FROM customer WHERE id IN (" + "1,".repeat(6000) + "1)";
        IllegalArgumentException refused =
                assertThrows(IllegalArgumentException.class, () -> RecipientQueryCheck.check(query));
        assertTrue(refused.getMessage().contains("at most 10000"), refused.getMessage());
    }
}
