package org.sluice.mta.boundary;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.sluice.audit.boundary.AuditLog;
import org.sluice.mta.entity.Mta;
import org.sluice.security.Roles;

/** The MTAs Sluice may send through. */
@PermitAll
@Stateless
public class MtaRegistry {

    public static final String DEFAULT_MTA = "default";

    @PersistenceContext(unitName = "sluice")
    private EntityManager em;

    @EJB
    private AuditLog audit;

    public List<Mta> all() {
        return em.createQuery("select m from Mta m order by m.name", Mta.class).getResultList();
    }

    public Optional<Mta> find(long id) {
        return Optional.ofNullable(em.find(Mta.class, id));
    }

    public Optional<Mta> byName(String name) {
        return em.createNamedQuery(Mta.BY_NAME, Mta.class)
                .setParameter("name", name)
                .getResultStream()
                .findFirst();
    }

    @RolesAllowed(Roles.ADMIN)
    public Mta add(Mta mta) {
        em.persist(mta);
        audit.record("CREATE", AuditLog.MTA, mta.getName(), null, state(mta));
        return mta;
    }

    /** Applies {@code change} to the MTA with this name, in this transaction; empty if there is none. */
    @RolesAllowed(Roles.ADMIN)
    public Optional<Mta> update(String name, java.util.function.Consumer<Mta> change) {
        Optional<Mta> mta = byName(name);
        mta.ifPresent(m -> {
            String before = state(m);
            String password = m.getPassword();
            change.accept(m);
            JsonObjectBuilder changed = stateBuilder(m);
            if (!Objects.equals(password, m.getPassword())) {
                changed.add("passwordChanged", true);
            }
            String after = changed.build().toString();
            if (!after.equals(before)) {
                audit.record("UPDATE", AuditLog.MTA, m.getName(), before, after);
            }
        });
        return mta;
    }

    /** The MTA's settings as the audit log keeps them: never its password, only whether it has one. */
    static String state(Mta m) {
        return stateBuilder(m).build().toString();
    }

    private static JsonObjectBuilder stateBuilder(Mta m) {
        var l = m.limits();
        return Json.createObjectBuilder()
                .add("host", String.valueOf(m.getHost()))
                .add("port", m.getPort())
                .add("tlsMode", m.getTlsMode().name())
                .add("username", String.valueOf(m.getUsername()))
                .add("passwordSet", m.getPassword() != null && !m.getPassword().isEmpty())
                .add("maxConnections", m.getMaxConnections())
                .add("enabled", m.isEnabled())
                .add("probeId", String.valueOf(m.getProbeId()))
                .add("maxQueueDepth", l.maxQueueDepth())
                .add("queueResumeDepth", l.queueResumeDepth())
                .add("loadPerCpuStop", l.loadPerCpuStop())
                .add("loadPerCpuResume", l.loadPerCpuResume())
                .add("memoryStopPercent", l.memoryStopPercent())
                .add("memoryResumePercent", l.memoryResumePercent())
                .add("spoolMinFreeMb", l.spoolMinFreeMb());
    }

    /** Creates or updates the MTA with this name to point at host:port. */
    public Mta upsert(String name, String host, int port) {
        Mta mta = byName(name).orElseGet(() -> add(new Mta(name, host, port)));
        mta.setHost(host);
        mta.setPort(port);
        return mta;
    }
}
