package org.herald.web.campaign;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.Arrays;
import java.util.List;
import org.herald.campaign.application.CampaignPauses;
import org.herald.campaign.application.CampaignService;
import org.herald.campaign.domain.CampaignCreated;
import org.herald.campaign.domain.CampaignView;
import org.herald.console.AuditTrail;
import org.herald.campaign.domain.PauseChange;
import org.herald.delivery.application.DeliveryReconciliation;
import org.herald.delivery.domain.DeliveryStatus;
import org.herald.delivery.domain.DeliveryView;
import org.herald.platform.RequestRejectedException;
import org.herald.platform.RequestRejectedException.Reason;

/** Campaigns: create (idempotent with a key), read, list, cancel, send now, pause, resume. */
@RequestScoped
@Path("campaigns")
@Produces(MediaType.APPLICATION_JSON)
public class CampaignResource {

    @EJB
    private CampaignService campaigns;

    @EJB
    private DeliveryReconciliation reconciliation;

    @EJB
    private AuditTrail audit;

    @EJB
    private CampaignPauses pauses;

    @Context
    private UriInfo uriInfo;

    @Context
    private SecurityContext security;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Response create(CampaignRequest request,
            @HeaderParam("Idempotency-Key") String idempotencyKey) {
        if (request == null) {
            throw CampaignRequest.missingBody();
        }
        CampaignCreated created = campaigns.create(request.toDraft(), idempotencyKey);
        if (!created.replayed()) {
            audit.record(actor(), "CREATE_CAMPAIGN", created.campaignId(), null,
                    request.name());
        }
        return Response.created(uriInfo.getAbsolutePathBuilder()
                        .path(Long.toString(created.campaignId())).build())
                .header("Idempotent-Replayed", Boolean.toString(created.replayed()))
                .entity(created.body())
                .build();
    }

    @GET
    public List<CampaignView> list(@QueryParam("limit") @DefaultValue("100") int limit) {
        return campaigns.list(Math.max(1, Math.min(limit, 1000)));
    }

    @GET
    @Path("{id}")
    public CampaignView get(@PathParam("id") long id) {
        return campaigns.get(id);
    }

    @GET
    @Path("{id}/deliveries")
    public List<DeliveryView> deliveries(@PathParam("id") long id,
            @QueryParam("status") String status,
            @QueryParam("q") String search,
            @QueryParam("after") @DefaultValue("0") long after,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        if (search != null && search.length() > 100) {
            throw new RequestRejectedException(Reason.INVALID,
                    "q must be at most 100 characters, not " + search.length());
        }
        campaigns.get(id);
        return reconciliation.deliveries(id, parseStatus(status), search, after,
                Math.max(1, Math.min(limit, 1000)));
    }

    @POST
    @Path("{id}/cancel")
    @Transactional
    public CampaignView cancel(@PathParam("id") long id) {
        CampaignView cancelled = campaigns.cancel(id);
        audit.record(actor(), "CANCEL_CAMPAIGN", id, null, null);
        return cancelled;
    }

    private static DeliveryStatus parseStatus(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return DeliveryStatus.valueOf(status.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new RequestRejectedException(Reason.INVALID, "status '" + status
                    + "' is not one of " + Arrays.toString(DeliveryStatus.values()));
        }
    }

    @POST
    @Path("{id}/send-now")
    @Transactional
    public Response sendNow(@PathParam("id") long id) {
        CampaignView campaign = campaigns.sendNow(id);
        audit.record(actor(), "SEND_NOW", id, null, null);
        return Response.accepted(campaign).build();
    }


    /**
     * Pauses a campaign that is being sent; 200 with the campaign, also when it was paused
     * already ({@code Herald-Changed: false}). Audited under the user's name.
     */
    @POST
    @Path("{id}/pause")
    public Response pause(@PathParam("id") long id) {
        return changed(pauses.pause(id, actor()));
    }

    /**
     * Resumes a paused campaign; 200 with the campaign, also when it was running already
     * ({@code Herald-Changed: false}). Audited under the user's name.
     */
    @POST
    @Path("{id}/resume")
    public Response resume(@PathParam("id") long id) {
        return changed(pauses.resume(id, actor()));
    }

    private Response changed(PauseChange change) {
        return Response.ok(campaigns.get(change.campaignId()))
                .header("Herald-Changed", Boolean.toString(change.changed()))
                .build();
    }

    private String actor() {
        return security.getUserPrincipal() == null ? "api" : security.getUserPrincipal().getName();
    }
}
