package org.sluice.api;

import jakarta.ejb.EJBAccessException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A service refused the caller's role (the EJB's {@code @RolesAllowed}): 403, like the resource's own role check.
 * Reached when a resource lets a role through that the service does not, so the services stay the authority.
 */
@Provider
public class AccessDeniedMapper implements ExceptionMapper<EJBAccessException> {

    @Override
    public Response toResponse(EJBAccessException e) {
        // Its message names internal classes.
        return ApiErrors.response(Response.Status.FORBIDDEN, "your role may not do this");
    }
}
