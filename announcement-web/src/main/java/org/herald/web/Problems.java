package org.herald.web;

import jakarta.ws.rs.core.Response;

/** Herald's JSON error body for refusals made outside a resource, such as by a filter. */
public final class Problems {

    private Problems() {
    }

    public static Response of(int status, String error, String... problems) {
        return RequestRejectedMapper.problem(status, error, problems);
    }
}
