package org.sluice.load.control;

import org.sluice.mta.entity.MtaLimits;
import org.sluice.probe.protocol.ProbeStatus;

/**
 * Decides from a probe's reading whether an MTA may take mail now, and how much. Replaceable for hosts of different
 * sizes: implement this as a CDI bean with {@code @Named("yourname")} in a module Sluice sees, and start WildFly with
 * {@code -Dsluice.load.policy=yourname}. The default is {@link HeadroomPolicy} ("headroom").
 */
public interface AdmissionPolicy {

    /**
     * @param admittedBefore whether this MTA was admitted at its previous reading: a policy with hysteresis applies
     *                       the stop thresholds to an admitted MTA and the (lower) resume thresholds to a stopped one
     */
    Admission decide(MtaLimits limits, ProbeStatus status, boolean admittedBefore);
}
