package org.sluice.jmx;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.sluice.campaign.boundary.Campaigns;
import org.sluice.campaign.entity.Campaign;
import org.sluice.load.boundary.LoadManager;
import org.sluice.mta.boundary.MtaRegistry;
import org.sluice.mta.entity.Mta;
import org.sluice.recipient.boundary.RecipientCounters;
import org.sluice.sending.boundary.CampaignSender;

/**
 * Keeps one MBean per campaign ({@code sluice:type=Campaign,id=<id>,name="<name>"}) and per MTA
 * ({@code sluice:type=Mta,name="<name>"}) in the platform MBean server, which WildFly's JMX subsystem serves to
 * jconsole over the management interface. Campaigns and MTAs are created through REST or SQL, so the set is
 * reconciled with the database every {@value #REFRESH_MILLIS} ms rather than on each change; everything is
 * unregistered when Sluice is undeployed.
 */
@Singleton
@Startup
public class SluiceMBeans {

    static final long REFRESH_MILLIS = 2000;
    private static final Logger LOG = Logger.getLogger(SluiceMBeans.class.getName());

    @EJB
    private CampaignSender sender;

    @EJB
    private Campaigns campaigns;

    @EJB
    private RecipientCounters counters;

    @EJB
    private MtaRegistry mtas;

    @EJB
    private LoadManager loadManager;

    @EJB
    private ManagedSettings settings;

    @EJB
    private RunAsAdmin admin;

    @Resource
    private TimerService timers;

    private final Set<ObjectName> registered = new HashSet<>();
    private MBeanServer server;
    private JmxCalls calls;

    @PostConstruct
    void start() {
        server = ManagementFactory.getPlatformMBeanServer();
        calls = new JmxCalls(Thread.currentThread().getContextClassLoader(), admin);
        // The first run comes once the deployment has started (Flyway has migrated, the default MTA exists).
        timers.createSingleActionTimer(0, new TimerConfig("sluice-jmx-refresh", false));
    }

    /**
     * Re-armed after each run rather than on an interval, so a slow run (a cold start) never overlaps the next;
     * outside a transaction, whose rollback would also undo the re-arming.
     */
    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void refresh() {
        try {
            reconcile();
        } catch (RuntimeException e) {
            // The MBeans registered so far stay; the next run, in 2 s, tries again.
            LOG.log(Level.WARNING, "Cannot bring Sluice's MBeans up to date; retried in " + REFRESH_MILLIS + " ms", e);
        } finally {
            timers.createSingleActionTimer(REFRESH_MILLIS, new TimerConfig("sluice-jmx-refresh", false));
        }
    }

    private void reconcile() {
        Map<ObjectName, Supplier<Object>> wanted = new HashMap<>();
        for (Campaign c : campaigns.all()) {
            long id = c.getId();
            String name = c.getName() == null ? "" : c.getName();
            wanted.put(
                    SluiceObjectNames.campaign(id, name),
                    () -> new CampaignOperations(id, name, sender, campaigns, counters, settings, calls));
        }
        for (Mta m : mtas.all()) {
            String name = m.getName();
            wanted.put(SluiceObjectNames.mta(name), () -> new MtaOperations(name, mtas, loadManager, settings, calls));
        }
        for (ObjectName gone : Set.copyOf(registered)) {
            if (!wanted.containsKey(gone)) { // a renamed campaign gets a new name; the old one goes
                unregister(gone);
            }
        }
        wanted.forEach((name, mbean) -> {
            if (!registered.contains(name)) {
                register(name, mbean.get());
            }
        });
    }

    @PreDestroy
    void stop() {
        Set.copyOf(registered).forEach(this::unregister);
    }

    private void register(ObjectName name, Object mbean) {
        try {
            if (server.isRegistered(name)) { // left by a deployment that did not end cleanly
                server.unregisterMBean(name);
            }
            server.registerMBean(mbean, name);
            registered.add(name);
        } catch (JMException e) {
            // Not fatal to sending; the next refresh tries again.
            LOG.log(Level.WARNING, "Cannot register MBean " + name + "; retried in " + REFRESH_MILLIS + " ms", e);
        }
    }

    private void unregister(ObjectName name) {
        try {
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
        } catch (JMException e) {
            LOG.log(Level.WARNING, "Cannot unregister MBean " + name, e);
        } finally {
            registered.remove(name);
        }
    }
}
