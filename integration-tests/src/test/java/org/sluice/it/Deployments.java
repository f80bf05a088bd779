package org.sluice.it;

import java.io.File;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The archives the integration tests deploy, built from the real sluice.ear and probe WAR exactly as an admin deploys
 * them. Arquillian wants a static {@code @Deployment} method in each test class; each one delegates here.
 */
public final class Deployments {

    private Deployments() {}

    public static EnterpriseArchive sluiceEar() {
        File ear = new File(System.getProperty("sluice.layout.ear", "../ear/target/sluice.ear"));
        if (!ear.isFile()) {
            throw new IllegalStateException(ear + " is missing: build the ear module first");
        }
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, ear);
    }

    /** The real probe WAR as built, reading its settings from the server's system properties. */
    public static WebArchive probeWar() {
        File war = new File(System.getProperty("sluice.layout.probe-war", "../probe-war/target/sluice-probe.war"));
        if (!war.isFile()) {
            throw new IllegalStateException(war + " is missing: build the probe-war module first");
        }
        return ShrinkWrap.createFromZipFile(WebArchive.class, war);
    }

    /**
     * The real probe WAR, named for its probe, with its own settings file (as an admin running several MTA instances
     * on one host would package it): {@code sluice-probe.properties} in WEB-INF/classes.
     */
    public static WebArchive probeWar(String probeId, Map<String, String> settings) {
        String properties = settings.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "sluice.probe.id=" + probeId + "\n", "\n"));
        return ShrinkWrap.create(WebArchive.class, "probe-" + probeId + ".war")
                .merge(probeWar())
                .addAsResource(new StringAsset(properties), "sluice-probe.properties");
    }
}
