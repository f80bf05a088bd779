package org.sluice.api;

/**
 * A recipient query import: the name of an import source an admin registered (GET /import-sources) and a single
 * SELECT with an ORDER BY.
 */
public record QueryImport(String source, String query) {}
