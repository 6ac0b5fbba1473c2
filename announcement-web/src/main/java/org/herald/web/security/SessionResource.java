package org.herald.web.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/**
 * The console's login session: {@code POST} (form fields {@code username}, {@code password};
 * checked by {@link ConsoleAuthenticationMechanism} before this runs) logs in, {@code GET} tells
 * the pages who is logged in, with which roles and the CSRF token, {@code DELETE} logs out.
 */
@RequestScoped
@Path("session")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    @Context
    private HttpServletRequest request;

    @Context
    private SecurityContext security;

    @POST
    public JsonObject login() {
        return current();
    }

    @GET
    public JsonObject current() {
        HttpSession session = request.getSession(false);
        Object token = session == null ? null : session.getAttribute(ConsoleSecurity.SESSION_CSRF);
        JsonArrayBuilder roles = Json.createArrayBuilder();
        for (String role : new String[] {ConsoleSecurity.ADMIN, ConsoleSecurity.VIEWER}) {
            if (security.isUserInRole(role)) {
                roles.add(role);
            }
        }
        return Json.createObjectBuilder()
                .add("username", security.getUserPrincipal().getName())
                .add("roles", roles)
                .add("csrfToken", token == null ? "" : token.toString())
                .build();
    }

    @DELETE
    public Response logout() throws ServletException {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        request.logout();
        return Response.noContent().build();
    }
}
