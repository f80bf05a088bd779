/**
 * Parsing recipient input (CSV text, columns, addresses) into rows, the statements the boundary runs, and the
 * recipient counts: the changes a transaction makes to them, suppression writes that count what they change, and the
 * check against a count of the tables. Plain classes; they use only this feature's entity package.
 */
package org.sluice.recipient.control;
