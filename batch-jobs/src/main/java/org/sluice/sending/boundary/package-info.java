/**
 * Starting, stopping and restarting a campaign's send job, its progress, test sends, and deleting a campaign no job works on. Uses the domain's
 * boundaries.
 */
package org.sluice.sending.boundary;
