package org.sluice.probe.boundary;

/** The probe's own version, as reported in every reply (the WAR's Implementation-Version). */
final class ProbeVersion {

    static final String VALUE = version();

    private ProbeVersion() {}

    private static String version() {
        String v = ProbeVersion.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }
}
