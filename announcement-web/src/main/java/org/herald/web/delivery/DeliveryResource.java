package org.herald.web.delivery;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.herald.delivery.application.DeliveryReconciliation;

/** Operator decisions about a delivery whose outcome is unknown. Each is audited. */
@RequestScoped
@Path("deliveries/{id}")
public class DeliveryResource {

    @EJB
    private DeliveryReconciliation reconciliation;

    @Context
    private SecurityContext security;

    @POST
    @Path("resend")
    public Response resend(@PathParam("id") long id) {
        reconciliation.resend(id, actor());
        return Response.noContent().build();
    }

    @POST
    @Path("mark-sent")
    public Response markSent(@PathParam("id") long id) {
        reconciliation.markSent(id, actor());
        return Response.noContent().build();
    }

    private String actor() {
        return security.getUserPrincipal() == null ? "api" : security.getUserPrincipal().getName();
    }
}
