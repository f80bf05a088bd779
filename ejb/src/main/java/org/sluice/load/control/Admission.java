package org.sluice.load.control;

/**
 * A policy's answer for one MTA at one reading.
 *
 * @param budget how many messages the MTA may take until the next reading (0 when not admitted)
 * @param reason why, with the figures that decided it: shown to admins and recorded in incidents
 */
public record Admission(boolean admitted, int budget, String reason) {

    public static Admission admit(int budget, String reason) {
        return new Admission(true, Math.max(0, budget), reason);
    }

    public static Admission refuse(String reason) {
        return new Admission(false, 0, reason);
    }
}
