package org.herald.web.console;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.herald.console.AuditEvent;
import org.herald.console.AuditTrail;

/** The audit trail, newest first, paged with {@code ?before=<last id>&limit=}. */
@RequestScoped
@Path("audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    @EJB
    private AuditTrail audit;

    @GET
    public List<AuditEvent> latest(
            @QueryParam("before") @DefaultValue("9223372036854775807") long before,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        return audit.latest(before, Math.max(1, Math.min(limit, 500)));
    }
}
