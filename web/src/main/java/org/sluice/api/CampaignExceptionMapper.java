package org.sluice.api;

import jakarta.ejb.EJBException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import org.sluice.campaign.boundary.CampaignException;

/** A refused request answers 409 with the reason; nothing else leaks a stack trace. */
@Provider
public class CampaignExceptionMapper implements ExceptionMapper<CampaignException> {

    @Override
    public Response toResponse(CampaignException e) {
        return Response.status(Response.Status.CONFLICT).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", e.getMessage())).build();
    }

    /** EJB system exceptions (e.g. a file that could not be stored) still carry a useful message. */
    @Provider
    public static class EjbExceptionMapper implements ExceptionMapper<EJBException> {
        @Override
        public Response toResponse(EJBException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return Response.status(Response.Status.INTERNAL_SERVER_ERROR).type(MediaType.APPLICATION_JSON)
                    .entity(Map.of("error", String.valueOf(cause.getMessage()))).build();
        }
    }
}
