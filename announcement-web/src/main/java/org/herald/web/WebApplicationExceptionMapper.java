package org.herald.web;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Gives the JAX-RS runtime's own refusals (unknown path, wrong method or media type, a path or
 * query parameter of the wrong type, a body that cannot be read) the same JSON error body as
 * Herald's, with the reason.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException exception) {
        int status = exception.getResponse().getStatus();
        Throwable cause = rootCause(exception);
        if (cause instanceof JsonbException
                || exception.getCause() instanceof ProcessingException) {
            return RequestRejectedMapper.problem(400, "invalid",
                    "request body cannot be read: " + cause.getMessage());
        }
        if (status == 404 && exception.getCause() != null) {
            status = 400;
        }
        String reason = Response.Status.fromStatusCode(status) == null ? "error"
                : Response.Status.fromStatusCode(status).getReasonPhrase();
        return RequestRejectedMapper.problem(status, reason.toLowerCase().replace(' ', '_'),
                exception.getMessage() == null ? reason : exception.getMessage());
    }

    static Throwable rootCause(Throwable throwable) {
        Throwable root = throwable;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    /** A body the JSON binding could not read, when it is not wrapped by the runtime. */
    @Provider
    public static class ProcessingExceptionMapper implements ExceptionMapper<ProcessingException> {

        @Override
        public Response toResponse(ProcessingException exception) {
            return RequestRejectedMapper.problem(400, "invalid",
                    "request body cannot be read: " + rootCause(exception).getMessage());
        }
    }
}
