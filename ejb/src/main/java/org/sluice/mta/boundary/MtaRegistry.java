package org.sluice.mta.boundary;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import org.sluice.mta.entity.Mta;
import org.sluice.security.Roles;

/** The MTAs Sluice may send through. */
@PermitAll
@Stateless
public class MtaRegistry {

    public static final String DEFAULT_MTA = "default";

    @PersistenceContext(unitName = "sluice")
    private EntityManager em;

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
        return mta;
    }

    /** Applies {@code change} to the MTA with this name, in this transaction; empty if there is none. */
    @RolesAllowed(Roles.ADMIN)
    public Optional<Mta> update(String name, java.util.function.Consumer<Mta> change) {
        Optional<Mta> mta = byName(name);
        mta.ifPresent(change);
        return mta;
    }

    /** Creates or updates the MTA with this name to point at host:port. */
    public Mta upsert(String name, String host, int port) {
        Mta mta = byName(name).orElseGet(() -> add(new Mta(name, host, port)));
        mta.setHost(host);
        mta.setPort(port);
        return mta;
    }
}
