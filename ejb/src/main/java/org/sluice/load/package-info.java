/**
 * Load awareness: what the probes report of each MTA's queue and host, and the admission and connection limits
 * derived from it. Uses mta and the probe protocol.
 */
package org.sluice.load;
