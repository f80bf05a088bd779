/**
 * Reading bounces: the mailbox; BounceReader, which reads RFC 3464 DSNs, bounce texts and feedback-loop complaints
 * and tells auto-replies apart; BounceClassifier's hard/soft rules; matching a report to the message it is about; and
 * the VERP codec. Plain classes without container services; they use only this feature's entity package.
 */
package org.sluice.bounce.control;
