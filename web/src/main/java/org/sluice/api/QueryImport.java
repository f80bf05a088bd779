package org.sluice.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A recipient query import: the name of an import source an admin registered (GET /import-sources) and a single
 * SELECT with an ORDER BY.
 */
@Schema(requiredProperties = {"source", "query"})
public record QueryImport(String source, String query) {}
