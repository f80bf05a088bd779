/**
 * Reading bounces: the mailbox, DSN parsing (RFC 3464), matching a DSN to the message it reports, and the VERP
 * codec. Plain classes without container services; they use only this feature's entity package.
 */
package org.sluice.bounce.control;
