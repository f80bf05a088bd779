package org.sluice.importsource.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImportSourceCheckTest {

    @ParameterizedTest
    @ValueSource(
            strings = {"java:jboss/datasources/CustomerDS", "java:/CrmDS", "java:jboss/datasources/crm-reporting_ro"})
    void aDatasourceInTheServersJavaNamespaceMayBeRegistered(String jndiName) {
        assertEquals(jndiName, ImportSourceCheck.jndiName(jndiName));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ldap://127.0.0.1:1389/Exploit",
                "rmi://attacker/x",
                "dns:attacker.example",
                "iiop://x/y",
                "java:jboss/../ldap://x",
                "java:comp/env//x",
                "jdbc:h2:mem:x",
                "CustomerDS",
                "java:jboss/datasources/Customer DS",
                "java:jboss/datasources/SluiceDS",
                "java:jboss/datasources/SluiceLedgerDS",
                "java:/sluiceds",
                "java:comp/DefaultDataSource",
                ""
            })
    void anythingElseIsRefusedBeforeAnyLookup(String jndiName) {
        IllegalArgumentException refused =
                assertThrows(IllegalArgumentException.class, () -> ImportSourceCheck.jndiName(jndiName));
        assertTrue(
                refused.getMessage().contains("java:") || refused.getMessage().contains("Sluice's own"),
                refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Customers", "a b", "../x", "x\r\ny", "", "-x"})
    void aSourceNameIsLowerCaseLettersDigitsDashOrUnderscore(String name) {
        IllegalArgumentException refused =
                assertThrows(IllegalArgumentException.class, () -> ImportSourceCheck.name(name));
        assertTrue(refused.getMessage().contains("lower-case"), refused.getMessage());
    }
}
