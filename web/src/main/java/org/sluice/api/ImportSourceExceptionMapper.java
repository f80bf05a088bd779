package org.sluice.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.sluice.importsource.boundary.ImportSourceException;

/** A refused import source or recipient query is a bad request: 400 with the reason. */
@Provider
public class ImportSourceExceptionMapper implements ExceptionMapper<ImportSourceException> {

    @Override
    public Response toResponse(ImportSourceException e) {
        return ApiErrors.response(Response.Status.BAD_REQUEST, e.getMessage());
    }
}
