package org.sluice.it;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Testable;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.sluice.it.inside.PassThroughMechanism;

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

    /**
     * The real sluice.ear with a WAR of in-container tests added as a module (Arquillian runs the test class in it,
     * next to Sluice's EJBs). sluice.ear's application.xml lists its modules and a module it does not name is never
     * deployed, so the WAR is added there too, with the no-op security mechanism every web module of it needs.
     */
    public static EnterpriseArchive sluiceEarWithTests(WebArchive tests) {
        tests.addClass(PassThroughMechanism.class);
        EnterpriseArchive ear = sluiceEar();
        ear.addAsModule(Testable.archiveToTest(tests));
        String applicationXml;
        try (InputStream in = ear.get("META-INF/application.xml").getAsset().openStream()) {
            applicationXml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String name = tests.getName();
        ear.delete("META-INF/application.xml");
        ear.setApplicationXML(new StringAsset(applicationXml.replace(
                "<library-directory>",
                "<module><web><web-uri>" + name + "</web-uri><context-root>/"
                        + name.substring(0, name.length() - ".war".length())
                        + "</context-root></web></module>\n  <library-directory>")));
        return ear;
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
