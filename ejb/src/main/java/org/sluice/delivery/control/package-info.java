/**
 * SMTP transactions and their replies, and the code that records outcomes in the ledger database and the journal
 * file. Plain classes; may use recipient's entity (states), mta and message.
 */
package org.sluice.delivery.control;
