package org.sluice.api;

/** A JDBC recipient import: a WildFly datasource's JNDI name and a SELECT with an ORDER BY. */
public record QueryImport(String dataSource, String query) {
}
