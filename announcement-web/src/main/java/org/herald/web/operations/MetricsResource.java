package org.herald.web.operations;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.herald.platform.metrics.HeraldMetrics;

/**
 * Herald's metrics in the Prometheus text format. Like every API call it needs a login (HTTP
 * Basic for a scraper; the viewer role is enough).
 */
@RequestScoped
@Path("metrics")
public class MetricsResource {

    @Inject
    HeraldMetrics metrics;

    @GET
    public Response scrape() {
        StreamingOutput body = metrics::writeTo;
        return Response.ok(body, metrics.contentType()).build();
    }
}
