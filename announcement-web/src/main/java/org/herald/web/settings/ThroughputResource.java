package org.herald.web.settings;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.herald.console.AuditTrail;
import org.herald.gateway.ThroughputLimiter;
import org.herald.platform.JsonFactory;
import org.herald.platform.RequestRejectedException.Reason;
import org.herald.platform.RequestRejectedException;

/**
 * The throughput limit towards the provider, on this server:
 * {@code {"messagesPerSecond": 80}} (0 switches limiting off), and the rate in force now, which
 * is lower for a while after the provider throttled.
 */
@RequestScoped
@Path("settings/throughput")
@Produces(MediaType.APPLICATION_JSON)
public class ThroughputResource {

    @Inject
    ThroughputLimiter limiter;

    @EJB
    AuditTrail audit;

    @Context
    SecurityContext security;

    @GET
    public JsonObject get() {
        return JsonFactory.objectBuilder()
                .add("messagesPerSecond", limiter.limit())
                .add("currentRate", limiter.currentRate())
                .build();
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject set(JsonObject body) {
        if (body == null || !body.containsKey("messagesPerSecond")
                || body.get("messagesPerSecond").getValueType()
                        != JsonValue.ValueType.NUMBER) {
            throw new RequestRejectedException(Reason.INVALID,
                    "body must be {\"messagesPerSecond\": <number, 0 for no limit>}");
        }
        double rate = body.getJsonNumber("messagesPerSecond").doubleValue();
        if (rate < 0 || rate > 10_000) {
            throw new RequestRejectedException(Reason.INVALID,
                    "messagesPerSecond must be between 0 and 10000, not " + rate);
        }
        // Audited first: if the record cannot be written, the limit stays as it was.
        audit.record(security.getUserPrincipal().getName(), "SET_THROUGHPUT", null, null,
                limiter.limit() + " -> " + rate + " messages/s");
        limiter.setLimit(rate);
        return get();
    }
}
