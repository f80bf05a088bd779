/**
 * The delivery ledger the send job records into: writers on the non-JTA ledger datasource, and recovery of the
 * journals a crash left. Uses this feature's control package.
 */
package org.sluice.delivery.boundary;
