package org.sluice.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.sluice.delivery.boundary.ConnectionChecks;
import org.sluice.delivery.control.SmtpGreetingCheck;
import org.sluice.load.boundary.LoadManager;
import org.sluice.load.control.MtaAdmission;
import org.sluice.load.control.ReadingHistory;
import org.sluice.mta.boundary.MtaRegistry;
import org.sluice.mta.entity.Mta;
import org.sluice.mta.entity.MtaLimits;
import org.sluice.mta.entity.TlsMode;
import org.sluice.security.Roles;

/** The MTAs Sluice sends through, their settings, and their admission now. */
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
@Tag(name = "mtas", description = "The MTAs Sluice sends through, their settings and admission")
@Path("mtas")
@Produces(MediaType.APPLICATION_JSON)
public class MtaResource {

    @EJB
    private MtaRegistry registry;

    @EJB
    private ConnectionChecks checks;

    @EJB
    private LoadManager loadManager;

    @Operation(
            operationId = "listMtas",
            summary = "Every MTA and its settings",
            description = "Roles: admin, operator, viewer.")
    @GET
    public List<MtaView> list() {
        return registry.all().stream().map(MtaView::of).toList();
    }

    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "addMta", summary = "Add an MTA", description = "Roles: admin.")
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public MtaView add(MtaView request) {
        ApiErrors.requireBody(request);
        if (request.name() == null || request.host() == null || request.port() == null) {
            throw badRequest("an MTA needs name, host and port");
        }
        Mta mta = new Mta(request.name(), request.host(), request.port());
        apply(request, mta);
        return MtaView.of(registry.add(mta));
    }

    /** Changes the given settings of an MTA; fields left out keep their value. */
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            operationId = "updateMta",
            summary = "Change an MTA's settings (fields left out keep their value)",
            description = "Roles: admin.")
    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    public MtaView update(@PathParam("name") String name, MtaView request) {
        ApiErrors.requireBody(request);
        return MtaView.of(registry.update(name, mta -> apply(request, mta))
                .orElseThrow(() -> new NotFoundException("no MTA named '" + name + "'")));
    }

    @RolesAllowed(Roles.ADMIN)
    @Operation(
            operationId = "testMtaConnection",
            summary = "Test the connection: open an SMTP session to the MTA as a send would (TLS mode, credentials),"
                    + " send nothing, and answer what the server replied",
            description = "Roles: admin. problem is null when the session opened (and authenticated, with"
                    + " credentials); serverReplies are the server's reply lines (greeting, EHLO, STARTTLS, AUTH).")
    @POST
    @Path("{name}/connection-test")
    public SmtpGreetingCheck.Result testConnection(@PathParam("name") String name) {
        return checks.check(name).orElseThrow(() -> new NotFoundException("no MTA named '" + name + "'"));
    }

    /** Every MTA's admission now: state, budget, reason, its probe's latest figures, connections in use of its max. */
    @Operation(
            operationId = "listMtaAdmissions",
            summary = "Every MTA's admission now: state, budget, reason, probe figures, connections in use",
            description = "Roles: admin, operator, viewer.")
    @GET
    @Path("status")
    public List<MtaAdmission> status() {
        return loadManager.assess(registry.all());
    }

    /** The MTA's probe readings over the last hour (a point per 10 s at most), oldest first. */
    @Operation(
            operationId = "getMtaHistory",
            summary = "An MTA's probe readings over the last hour (load per CPU, free memory, queue), oldest first",
            description = "Roles: admin, operator, viewer.")
    @GET
    @Path("{name}/history")
    public List<ReadingHistory.Point> history(@PathParam("name") String name) {
        Mta mta = registry.all().stream()
                .filter(m -> m.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new NotFoundException("no MTA named '" + name + "'"));
        return loadManager.history(mta.getId());
    }

    private static void apply(MtaView r, Mta mta) {
        try {
            if (r.host() != null) {
                mta.setHost(r.host());
            }
            if (r.port() != null) {
                mta.setPort(r.port());
            }
            if (r.tlsMode() != null) {
                mta.setTlsMode(TlsMode.valueOf(r.tlsMode()));
            }
            if (r.maxConnections() != null) {
                mta.setMaxConnections(r.maxConnections());
            }
            if (r.enabled() != null) {
                mta.setEnabled(r.enabled());
            }
            if (r.probeId() != null) {
                mta.setProbeId(r.probeId());
            }
            MtaLimits l = mta.limits();
            mta.setLimits(new MtaLimits(
                    r.maxQueueDepth() != null ? r.maxQueueDepth() : l.maxQueueDepth(),
                    r.queueResumeDepth() != null ? r.queueResumeDepth() : l.queueResumeDepth(),
                    r.loadPerCpuStop() != null ? r.loadPerCpuStop() : l.loadPerCpuStop(),
                    r.loadPerCpuResume() != null ? r.loadPerCpuResume() : l.loadPerCpuResume(),
                    r.memoryStopPercent() != null ? r.memoryStopPercent() : l.memoryStopPercent(),
                    r.memoryResumePercent() != null ? r.memoryResumePercent() : l.memoryResumePercent(),
                    r.spoolMinFreeMb() != null ? r.spoolMinFreeMb() : l.spoolMinFreeMb()));
        } catch (IllegalArgumentException e) {
            throw badRequest("MTA '" + mta.getName() + "': " + e.getMessage());
        }
    }

    private static BadRequestException badRequest(String message) {
        return new BadRequestException(ApiErrors.response(Response.Status.BAD_REQUEST, message));
    }

    /** An MTA without its credentials; in requests, null fields keep their value (or take the default). */
    public record MtaView(
            Long id,
            String name,
            String host,
            Integer port,
            // The names of TlsMode (MtaViewTest checks them): a string here, so that a wrong one is a 400 naming it.
            @Schema(
                    type = SchemaType.STRING,
                    enumeration = {"NONE", "STARTTLS", "STARTTLS_REQUIRED", "SMTPS"})
            String tlsMode,

            Integer maxConnections,
            Boolean enabled,
            String probeId,
            Integer maxQueueDepth,
            Integer queueResumeDepth,
            Double loadPerCpuStop,
            Double loadPerCpuResume,
            Double memoryStopPercent,
            Double memoryResumePercent,
            Long spoolMinFreeMb) {
        static MtaView of(Mta m) {
            MtaLimits l = m.limits();
            return new MtaView(
                    m.getId(),
                    m.getName(),
                    m.getHost(),
                    m.getPort(),
                    m.getTlsMode().name(),
                    m.getMaxConnections(),
                    m.isEnabled(),
                    m.getProbeId(),
                    l.maxQueueDepth(),
                    l.queueResumeDepth(),
                    l.loadPerCpuStop(),
                    l.loadPerCpuResume(),
                    l.memoryStopPercent(),
                    l.memoryResumePercent(),
                    l.spoolMinFreeMb());
        }
    }
}
