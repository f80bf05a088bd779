/**
 * Parsing recipient input (CSV text, columns, addresses) into rows, and the statements the boundary runs. Plain
 * classes; they use only this feature's entity package.
 */
package org.sluice.recipient.control;
