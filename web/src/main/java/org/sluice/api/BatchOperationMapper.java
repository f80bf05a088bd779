package org.sluice.api;

import jakarta.batch.operations.BatchRuntimeException;
import jakarta.batch.operations.JobExecutionAlreadyCompleteException;
import jakarta.batch.operations.JobExecutionIsRunningException;
import jakarta.batch.operations.JobExecutionNotMostRecentException;
import jakarta.batch.operations.JobExecutionNotRunningException;
import jakarta.batch.operations.JobRestartException;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * The JobOperator refused a start, stop or restart because the job execution's state changed under the request, most
 * often two restarts racing (JBeret's JBERET000647): 409 with what happened, not the batch runtime's message.
 * Reached directly or through the EJB that called the JobOperator ({@link EjbExceptionMapper}).
 */
@Provider
public class BatchOperationMapper implements ExceptionMapper<BatchRuntimeException> {

    @Context
    private UriInfo uri;

    @Context
    private Request request;

    @Override
    public Response toResponse(BatchRuntimeException e) {
        String where = UnexpectedErrorMapper.where(request, uri);
        Response mapped = conflict(e, where);
        return mapped != null ? mapped : UnexpectedErrorMapper.answer(e, where);
    }

    /** 409 for the state conflicts, null for the rest (a job that cannot start at all is the server's error). */
    static Response conflict(BatchRuntimeException e, String where) {
        String why;
        if (e instanceof JobExecutionAlreadyCompleteException) {
            why = "the campaign's job execution has already completed";
        } else if (e instanceof JobExecutionNotMostRecentException) {
            why =
                    "the campaign was restarted by another request in the meantime: its job execution is no longer the latest";
        } else if (e instanceof JobExecutionIsRunningException) {
            why = "the campaign's job is running";
        } else if (e instanceof JobExecutionNotRunningException) {
            why = "the campaign's job is not running";
        } else if (e instanceof NoSuchJobExecutionException) {
            why = "the campaign's job execution is not in the job repository";
        } else if (e instanceof JobRestartException) {
            why = "the campaign's job execution cannot be restarted now (another restart or stop came first, or it is"
                    + " still running)";
        } else {
            return null;
        }
        return ApiErrors.response(Response.Status.CONFLICT, where + ": " + why + "; read its progress and try again");
    }
}
