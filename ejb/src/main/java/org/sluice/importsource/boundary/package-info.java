/**
 * Registering import sources and recording checked recipient queries. Uses this feature's control and entity.
 */
package org.sluice.importsource.boundary;
