/**
 * Bounces: VERP return paths for outgoing mail, reading DSNs from the bounce mailbox, and applying them to recipients
 * and the suppression list. Builds on recipient, suppression, secret and signing; campaign builds on it.
 */
package org.sluice.bounce;
