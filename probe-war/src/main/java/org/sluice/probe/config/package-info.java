/**
 * The probe's settings and the choice of queue reader. Uses queue.
 */
package org.sluice.probe.config;
