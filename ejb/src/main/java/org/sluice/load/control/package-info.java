/**
 * Admission policies, headroom, connection permits and reading histories: plain classes, testable without a
 * container; they use only mta's entities and the probe protocol.
 */
package org.sluice.load.control;
