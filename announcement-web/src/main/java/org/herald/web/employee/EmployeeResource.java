package org.herald.web.employee;

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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.herald.console.AuditTrail;
import org.herald.employee.application.EmployeeDirectory;
import org.herald.employee.application.EmployeeImportService;
import org.herald.employee.domain.EmployeeView;
import org.herald.employee.domain.ImportReport;
import org.herald.platform.RequestRejectedException;
import org.herald.platform.RequestRejectedException.Reason;

/**
 * Employees: the list, searched and paged in employee-id order; opt-in and opt-out of one
 * employee; the CSV import, answered with a line-by-line report. Every change is audited in its
 * own transaction.
 */
@RequestScoped
@Path("employees")
@Produces(MediaType.APPLICATION_JSON)
public class EmployeeResource {

    @EJB
    private EmployeeImportService imports;

    @EJB
    private EmployeeDirectory directory;

    @EJB
    private AuditTrail audit;

    @Context
    private SecurityContext security;

    /** A page of employees after {@code after} (an employee id), optionally searched. */
    @GET
    public List<EmployeeView> list(@QueryParam("q") String search,
            @QueryParam("after") String after,
            @QueryParam("limit") @DefaultValue("50") int limit) {
        if (search != null && search.length() > 100) {
            throw new RequestRejectedException(Reason.INVALID,
                    "q must be at most 100 characters, not " + search.length());
        }
        return directory.page(search, after, Math.max(1, Math.min(limit, 500)));
    }

    @POST
    @Path("{employeeId}/opt-out")
    public EmployeeView optOut(@PathParam("employeeId") String employeeId) {
        return directory.setOptedIn(employeeId, false, actor());
    }

    @POST
    @Path("{employeeId}/opt-in")
    public EmployeeView optIn(@PathParam("employeeId") String employeeId) {
        return directory.setOptedIn(employeeId, true, actor());
    }

    @POST
    @Path("import")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @Transactional
    public ImportReport importCsv(InputStream csv, @HeaderParam("Content-Type") String type) {
        ImportReport report = imports.importCsv(new InputStreamReader(csv, charset(type)));
        audit.record(actor(), "IMPORT_EMPLOYEES", null, null, String.format(
                "rows %d: imported %d, updated %d, unchanged %d, repeated %d, rejected %d",
                report.rows(), report.imported(), report.updated(), report.unchanged(),
                report.repeated().size(), report.rejected().size()));
        return report;
    }

    private String actor() {
        return security.getUserPrincipal().getName();
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
