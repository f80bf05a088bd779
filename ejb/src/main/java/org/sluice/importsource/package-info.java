/**
 * Import sources: the databases an admin registers for recipient queries, and the checks a query must pass before
 * it runs. Uses only security.
 */
package org.sluice.importsource;
