package org.sluice.mta.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.mail.Session;
import java.util.logging.Logger;

/**
 * Mirrors the WildFly mail session java:jboss/mail/sluice (configured by server/wildfly/configure-sluice.cli) as the
 * MTA named "default", at every start: an admin points Sluice at a different MTA with the usual WildFly
 * tools (socket binding sluice-mta) and campaigns without an explicit MTA follow.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
public class DefaultMtaRegistration {

    private static final Logger LOG = Logger.getLogger(DefaultMtaRegistration.class.getName());

    @Resource(lookup = "java:jboss/mail/sluice")
    private Session mailSession;

    @EJB
    private MtaRegistry registry;

    @PostConstruct
    void register() {
        String host = mailSession.getProperty("mail.smtp.host");
        String port = mailSession.getProperty("mail.smtp.port");
        registry.upsert(
                MtaRegistry.DEFAULT_MTA, host == null ? "127.0.0.1" : host, port == null ? 25 : Integer.parseInt(port));
        LOG.info(() -> "Default MTA is " + host + ":" + port + " (mail session java:jboss/mail/sluice)");
    }
}
