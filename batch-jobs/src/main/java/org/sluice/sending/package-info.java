/**
 * Sending a campaign as a partitioned batch job, and test sends. Uses campaign, delivery, load, message, mta,
 * recipient and importing (no send while an import runs).
 */
package org.sluice.sending;
