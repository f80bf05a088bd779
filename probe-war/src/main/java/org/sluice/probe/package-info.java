/**
 * The probe that runs beside an MTA and reports its queue depth and host load to Sluice, over the probe protocol.
 */
package org.sluice.probe;
