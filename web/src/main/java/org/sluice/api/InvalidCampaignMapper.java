package org.sluice.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.sluice.campaign.boundary.InvalidCampaignException;

/**
 * A draft that is wrong in itself answers 400 with the reason naming the field (RFC 9110 15.5.1); the more general
 * CampaignException (a request that conflicts with the campaign's state) stays 409.
 */
@Provider
public class InvalidCampaignMapper implements ExceptionMapper<InvalidCampaignException> {

    @Override
    public Response toResponse(InvalidCampaignException e) {
        return ApiErrors.response(Response.Status.BAD_REQUEST, e.getMessage());
    }
}
