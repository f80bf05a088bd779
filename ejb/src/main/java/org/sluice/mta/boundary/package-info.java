/**
 * Registering and changing MTAs, and the default MTA at first start. Uses this feature's entity package.
 */
package org.sluice.mta.boundary;
