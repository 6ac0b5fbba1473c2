package org.herald.web.webhook;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.herald.delivery.application.DeliveryStatusUpdates;
import org.herald.gateway.StatusUpdate;
import org.herald.gateway.WebhookSignature;

/**
 * The WhatsApp Cloud API webhook: the subscription handshake (GET) and the signed status
 * notifications (POST). The signature is checked over the exact bytes received, before parsing;
 * a missing or wrong signature is refused and changes nothing.
 */
@RequestScoped
@Path("webhooks/whatsapp")
public class WhatsAppWebhookResource {

    private static final Logger LOG = Logger.getLogger(WhatsAppWebhookResource.class.getName());

    @Inject
    @ConfigProperty(name = "herald.webhook.verify-token")
    String verifyToken;

    @Inject
    @ConfigProperty(name = "herald.whatsapp.app-secret")
    String appSecret;

    @EJB
    private DeliveryStatusUpdates statusUpdates;

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public Response verify(@QueryParam("hub.mode") String mode,
            @QueryParam("hub.verify_token") String token,
            @QueryParam("hub.challenge") String challenge) {
        boolean tokenMatches = token != null && MessageDigest.isEqual(
                token.getBytes(StandardCharsets.UTF_8),
                verifyToken.getBytes(StandardCharsets.UTF_8));
        if ("subscribe".equals(mode) && tokenMatches && challenge != null) {
            return Response.ok(challenge).build();
        }
        return Response.status(Response.Status.FORBIDDEN).build();
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response receive(byte[] body,
            @HeaderParam("X-Hub-Signature-256") String signature) {
        if (!WebhookSignature.matches(appSecret, body, signature)) {
            LOG.log(Level.WARNING, "HERALD-0503 webhook refused: missing or wrong signature");
            return Response.status(Response.Status.UNAUTHORIZED).build();
        }
        List<StatusUpdate> updates;
        try {
            updates = StatusUpdate.parse(body);
        } catch (IllegalArgumentException e) {
            LOG.log(Level.WARNING, "HERALD-0504 webhook refused: {0}", e.getMessage());
            return Response.status(Response.Status.BAD_REQUEST).build();
        }
        statusUpdates.apply(updates);
        return Response.ok().build();
    }
}
