package org.herald.web;

import jakarta.ejb.EJBException;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.herald.platform.JsonFactory;
import org.herald.platform.RequestRejectedException;

/**
 * Answers a rejected request with a JSON body that names every problem:
 * {@code {"error": "...", "problems": ["..."]}}.
 */
@Provider
public class RequestRejectedMapper implements ExceptionMapper<RequestRejectedException> {

    @Override
    public Response toResponse(RequestRejectedException rejection) {
        return problem(status(rejection.reason()), rejection.reason().name().toLowerCase(),
                rejection.problems().toArray(String[]::new));
    }

    static Response problem(int status, String error, String... problems) {
        JsonArrayBuilder list = JsonFactory.arrayBuilder();
        for (String problem : problems) {
            list.add(problem);
        }
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(JsonFactory.objectBuilder()
                        .add("error", error)
                        .add("problems", list)
                        .build()
                        .toString())
                .build();
    }

    private static int status(RequestRejectedException.Reason reason) {
        return switch (reason) {
            case INVALID -> 400;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case IDEMPOTENCY_KEY_REUSED -> 422;
        };
    }

    /** Unwraps rejections that reach the web layer inside an EJB exception. */
    @Provider
    public static class EjbExceptionMapper implements ExceptionMapper<EJBException> {

        @Override
        public Response toResponse(EJBException exception) {
            Throwable cause = exception.getCause();
            if (cause instanceof RequestRejectedException rejection) {
                return new RequestRejectedMapper().toResponse(rejection);
            }
            return problem(500, "internal", "the server failed; see its log");
        }
    }
}
