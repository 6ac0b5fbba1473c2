package org.herald.web.employee;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.herald.employee.application.EmployeeImportService;
import org.herald.employee.domain.ImportReport;

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
    public ImportReport importCsv(InputStream csv) {
        return imports.importCsv(new InputStreamReader(csv, StandardCharsets.UTF_8));
    }
}
