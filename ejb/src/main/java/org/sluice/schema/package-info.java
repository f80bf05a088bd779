/**
 * The database schema: Flyway migrations at deployment, and the converters shared by all entities. Depends on no
 * feature.
 */
package org.sluice.schema;
