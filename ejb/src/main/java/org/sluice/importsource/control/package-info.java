/**
 * Checks of an import source and of a recipient query (read-only, one SELECT). Plain classes without container
 * services.
 */
package org.sluice.importsource.control;
