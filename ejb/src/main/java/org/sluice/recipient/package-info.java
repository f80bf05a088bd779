/**
 * Recipients: the CSV or query rows an import reads, the recipients it stores, their outcomes, their counts by state
 * per campaign (kept with every change of state), and the pages the send path and the console read. Uses no other feature's classes; it reads the suppression table in SQL by name.
 */
package org.sluice.recipient;
