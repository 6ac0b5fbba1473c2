package org.herald.web.console;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import org.herald.console.ConsoleRole;
import org.herald.console.ConsoleUser;
import org.herald.console.ConsoleUsers;
import org.herald.platform.RequestRejectedException;
import org.herald.platform.RequestRejectedException.Reason;

/** The console's users (HR_ADMIN only): list, create with one role, delete. */
@RequestScoped
@Path("users")
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

    /** A new user: name, initial password, role. */
    public record NewUser(String username, String password, String role) {
    }

    @EJB
    private ConsoleUsers users;

    @Context
    private SecurityContext security;

    @GET
    public List<ConsoleUser> list() {
        return users.list();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(NewUser request) {
        if (request == null) {
            throw new RequestRejectedException(Reason.INVALID, "a JSON body is required");
        }
        ConsoleRole role;
        try {
            role = request.role() == null ? null : ConsoleRole.valueOf(request.role());
        } catch (IllegalArgumentException e) {
            role = null;
        }
        ConsoleUser created = users.create(request.username(), request.password(), role,
                security.getUserPrincipal().getName());
        return Response.status(201).entity(created).build();
    }

    @DELETE
    @Path("{username}")
    public Response delete(@PathParam("username") String username) {
        if (username.equals(security.getUserPrincipal().getName())) {
            throw new RequestRejectedException(Reason.CONFLICT, "you cannot delete yourself");
        }
        users.delete(username, security.getUserPrincipal().getName());
        return Response.noContent().build();
    }
}
