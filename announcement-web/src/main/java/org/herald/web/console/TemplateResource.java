package org.herald.web.console;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.herald.gateway.TemplateCatalog;
import org.herald.web.Problems;

/** The business account's templates as the provider lists them (503 when it cannot). */
@RequestScoped
@Path("templates")
@Produces(MediaType.APPLICATION_JSON)
public class TemplateResource {

    @Inject
    private TemplateCatalog templates;

    @GET
    public List<TemplateCatalog.Template> list() {
        return templates.templates().orElseThrow(() -> new WebApplicationException(
                Problems.of(503, "unavailable", "the provider's templates cannot be read now")));
    }
}
