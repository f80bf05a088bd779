package org.sluice.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.sluice.importsource.boundary.ImportSourceException;
import org.sluice.importsource.boundary.ImportSources;
import org.sluice.security.Roles;

/** The databases recipients may be imported from by query: registered by an admin, chosen by name by operators. */
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
@Tag(name = "import-sources", description = "Databases recipients may be imported from by query")
@Path("import-sources")
@Produces(MediaType.APPLICATION_JSON)
public class ImportSourceResource {

    @EJB
    private ImportSources sources;

    @Operation(
            operationId = "listImportSources",
            summary = "Every registered import source",
            description = "Roles: admin, operator, viewer.")
    @GET
    public List<ImportSourceView> list() {
        return sources.all().stream().map(ImportSourceView::of).toList();
    }

    @RolesAllowed(Roles.ADMIN)
    @Operation(
            operationId = "putImportSource",
            summary = "Register an import source (or point it at another datasource)",
            description = "Roles: admin. jndiName: a WildFly datasource in the java: namespace whose database user may"
                    + " only read the customer tables; never Sluice's own database.")
    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    public ImportSourceView register(@PathParam("name") String name, ImportSourceView request) {
        if (request == null) {
            throw new ImportSourceException("registering an import source needs a JSON body with jndiName");
        }
        return ImportSourceView.of(sources.register(name, request.jndiName(), request.description()));
    }

    @RolesAllowed(Roles.ADMIN)
    @APIResponse(responseCode = "204", description = "Removed")
    @Operation(operationId = "removeImportSource", summary = "Remove an import source", description = "Roles: admin.")
    @DELETE
    @Path("{name}")
    public Response remove(@PathParam("name") String name) {
        if (!sources.remove(name)) {
            throw new NotFoundException("no import source named '" + name + "'");
        }
        return Response.noContent().build();
    }
}
