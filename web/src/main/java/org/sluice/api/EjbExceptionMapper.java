package org.sluice.api;

import jakarta.batch.operations.BatchRuntimeException;
import jakarta.ejb.EJBException;
import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * An EJB's system exception: a JobOperator refusal or a concurrent change of the same row is a conflict (409);
 * anything else is the server's error, logged with an id ({@link UnexpectedErrorMapper}).
 */
@Provider
public class EjbExceptionMapper implements ExceptionMapper<EJBException> {

    @Context
    private UriInfo uri;

    @Context
    private Request request;

    @Override
    public Response toResponse(EJBException e) {
        String where = UnexpectedErrorMapper.where(request, uri);
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof BatchRuntimeException batch) {
                Response conflict = BatchOperationMapper.conflict(batch, where);
                if (conflict != null) {
                    return conflict;
                }
            }
            if (t instanceof OptimisticLockException) {
                return ApiErrors.response(
                        Response.Status.CONFLICT,
                        where + ": changed by another request at the same time; read it again and retry");
            }
        }
        return UnexpectedErrorMapper.answer(e, where);
    }
}
