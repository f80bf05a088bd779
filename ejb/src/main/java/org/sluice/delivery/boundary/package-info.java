/**
 * The delivery ledger the send job records into: writers on the non-JTA ledger datasource, and recovery of the
 * journals a crash left, and an admin's connection check of an MTA. Uses this feature's control package and mta.
 */
package org.sluice.delivery.boundary;
