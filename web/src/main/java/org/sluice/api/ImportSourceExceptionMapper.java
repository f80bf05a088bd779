package org.sluice.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import org.sluice.importsource.boundary.ImportSourceException;

/** A refused import source or recipient query is a bad request: 400 with the reason. */
@Provider
public class ImportSourceExceptionMapper implements ExceptionMapper<ImportSourceException> {

    @Override
    public Response toResponse(ImportSourceException e) {
        return Response.status(Response.Status.BAD_REQUEST)
                .type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", e.getMessage()))
                .build();
    }
}
