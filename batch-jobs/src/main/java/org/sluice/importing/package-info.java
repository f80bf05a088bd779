/**
 * Recipient imports as batch jobs (a CSV upload or a recipient query). Uses campaign, importsource and recipient;
 * nothing in the domain uses it.
 */
package org.sluice.importing;
