/**
 * Prometheus metrics of sends, MTAs and campaigns. Uses campaign, delivery, load, mta and the probe protocol.
 */
package org.sluice.metrics;
