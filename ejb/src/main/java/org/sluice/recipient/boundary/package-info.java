/**
 * Storing imported recipients and rejected rows, paging recipients for the send path and the console, and marking
 * suppressed ones. Uses this feature's control and entity packages.
 */
package org.sluice.recipient.boundary;
