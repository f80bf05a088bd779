/**
 * The send job's batch artifacts: the checks before it, the reader of pending recipients, the renderer, the SMTP
 * writer and the partitioning. Use this feature's boundary and the domain's boundaries and controls.
 */
package org.sluice.sending.batch;
