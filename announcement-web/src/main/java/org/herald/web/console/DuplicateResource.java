package org.herald.web.console;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.herald.platform.DuplicateCounters;

/** The repeats each exactly-once guard has stopped on this node since it started. */
@RequestScoped
@Path("stats/duplicates")
@Produces(MediaType.APPLICATION_JSON)
public class DuplicateResource {

    @EJB
    private DuplicateCounters counters;

    @GET
    public Map<String, Long> stopped() {
        return counters.snapshot();
    }
}
