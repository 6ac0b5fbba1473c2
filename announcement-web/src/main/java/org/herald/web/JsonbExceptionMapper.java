package org.herald.web;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A request body that is not the JSON the endpoint expects is a 400 that says why. */
@Provider
public class JsonbExceptionMapper implements ExceptionMapper<JsonbException> {

    @Override
    public Response toResponse(JsonbException exception) {
        return RequestRejectedMapper.problem(400, "invalid", "request body cannot be read: "
                + WebApplicationExceptionMapper.rootCause(exception).getMessage());
    }
}
