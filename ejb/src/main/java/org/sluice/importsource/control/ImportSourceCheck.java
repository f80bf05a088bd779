package org.sluice.importsource.control;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an import source may be called and point at. The JNDI name is checked as text before anything is looked up:
 * only names in the server's own {@code java:} namespace pass, so a registered name can never make the server
 * connect out ({@code ldap://}, {@code rmi://}, {@code dns:}: JNDI lookups of URLs are how remote code gets loaded).
 */
public final class ImportSourceCheck {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final Pattern JNDI_NAME = Pattern.compile("java:(jboss/|/)?[A-Za-z0-9_][A-Za-z0-9_./-]{0,180}");

    /** Sluice's own datasources (server/wildfly/configure-sluice.cli): their data (signing keys, job parameters) is not for importing. */
    public static final Set<String> OWN_DATA_SOURCES = Set.of("sluiceds", "sluiceledgerds");

    private ImportSourceCheck() {}

    /** @throws IllegalArgumentException unless the name is 1-64 lower-case letters, digits, '-' or '_' */
    public static String name(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("an import source name is 1-64 lower-case letters, digits, '-' or '_'"
                    + " starting with a letter or digit, got '" + printable(name) + "'");
        }
        return name;
    }

    /** @throws IllegalArgumentException unless the JNDI name is a local {@code java:} name and not Sluice's own */
    public static String jndiName(String jndiName) {
        if (jndiName == null
                || !JNDI_NAME.matcher(jndiName).matches()
                || jndiName.contains("..")
                || jndiName.contains("//")) {
            throw new IllegalArgumentException("an import source's JNDI name must be a datasource in the server's java:"
                    + " namespace, e.g. java:jboss/datasources/CustomerDS; got '" + printable(jndiName) + "'");
        }
        String last = jndiName.substring(jndiName.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        if (OWN_DATA_SOURCES.contains(last) || last.equals("defaultdatasource")) {
            throw new IllegalArgumentException(jndiName + " is Sluice's own database, which is never an import source");
        }
        return jndiName;
    }

    /** The value as it may be shown in an error: at most 100 characters, control characters replaced. */
    private static String printable(String value) {
        if (value == null) {
            return "";
        }
        String shown = value.length() > 100 ? value.substring(0, 100) + "..." : value;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
