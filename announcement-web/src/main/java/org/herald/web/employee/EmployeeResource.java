package org.herald.web.employee;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.herald.employee.application.EmployeeImportService;
import org.herald.employee.domain.ImportReport;
import org.herald.platform.RequestRejectedException;
import org.herald.platform.RequestRejectedException.Reason;

/** Employee list import from CSV, answered with a line-by-line report. */
@RequestScoped
@Path("employees")
public class EmployeeResource {

    @EJB
    private EmployeeImportService imports;

    @POST
    @Path("import")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    public ImportReport importCsv(InputStream csv, @HeaderParam("Content-Type") String type) {
        return imports.importCsv(new InputStreamReader(csv, charset(type)));
    }

    /** The charset the client named, UTF-8 when it named none; a byte-order mark is skipped. */
    private static Charset charset(String contentType) {
        String named = contentType == null ? null
                : MediaType.valueOf(contentType).getParameters().get("charset");
        if (named == null) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(named);
        } catch (IllegalArgumentException e) {
            throw new RequestRejectedException(Reason.INVALID, "charset '" + named
                    + "' is not known; send UTF-8");
        }
    }
}
