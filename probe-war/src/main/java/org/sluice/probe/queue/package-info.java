/**
 * Reading an MTA's queue depth (Postfix, Exim, Sendmail, or a command). Uses the probe protocol's types only.
 */
package org.sluice.probe.queue;
