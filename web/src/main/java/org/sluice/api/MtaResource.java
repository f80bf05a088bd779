package org.sluice.api;

import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.sluice.mta.boundary.MtaRegistry;
import org.sluice.mta.entity.Mta;
import org.sluice.mta.entity.TlsMode;

/** The MTAs Sluice sends through. */
@Path("mtas")
@Produces(MediaType.APPLICATION_JSON)
public class MtaResource {

    @EJB
    private MtaRegistry registry;

    @GET
    public List<MtaView> list() {
        return registry.all().stream().map(MtaView::of).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public MtaView add(MtaView request) {
        Mta mta = new Mta(request.name(), request.host(), request.port());
        if (request.tlsMode() != null) {
            mta.setTlsMode(TlsMode.valueOf(request.tlsMode()));
        }
        if (request.maxConnections() != null) {
            mta.setMaxConnections(request.maxConnections());
        }
        return MtaView.of(registry.add(mta));
    }

    /** An MTA without its credentials. */
    public record MtaView(Long id, String name, String host, int port, String tlsMode, Integer maxConnections,
                          Boolean enabled) {
        static MtaView of(Mta m) {
            return new MtaView(m.getId(), m.getName(), m.getHost(), m.getPort(), m.getTlsMode().name(),
                    m.getMaxConnections(), m.isEnabled());
        }
    }
}
