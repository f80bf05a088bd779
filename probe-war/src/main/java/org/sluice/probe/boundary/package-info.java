/**
 * The probe's HTTP endpoint and version. Uses config, host and queue.
 */
package org.sluice.probe.boundary;
