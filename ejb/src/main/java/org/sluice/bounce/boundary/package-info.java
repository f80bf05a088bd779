/**
 * The bounce services: the return paths a campaign sends with, the mailbox fetch (on demand and scheduled), and
 * recording a bounce. May use this feature's control and entity, suppression, recipient, secret and signing.
 */
package org.sluice.bounce.boundary;
