/**
 * Starting, stopping and restarting a campaign's send job, its progress, and test sends. Uses the domain's
 * boundaries.
 */
package org.sluice.sending.boundary;
