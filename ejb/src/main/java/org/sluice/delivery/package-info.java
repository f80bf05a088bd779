/**
 * Delivering a message to an MTA over SMTP and recording the answer: the ledger database, the outcome journal file
 * that covers a crash, and the retry policy for deferrals. Uses message, mta and recipient.
 */
package org.sluice.delivery;
