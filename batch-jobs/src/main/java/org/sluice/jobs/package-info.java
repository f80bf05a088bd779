/**
 * What all batch jobs share: the listener that records why a job failed. Uses load and recipient.
 */
package org.sluice.jobs;
