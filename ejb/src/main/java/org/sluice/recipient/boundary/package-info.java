/**
 * Storing imported recipients and rejected rows, paging recipients for the send path and the console, marking
 * suppressed ones, and reading, checking and correcting the campaigns' recipient counts. Uses this feature's control and entity packages.
 */
package org.sluice.recipient.boundary;
