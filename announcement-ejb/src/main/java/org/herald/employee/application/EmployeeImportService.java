package org.herald.employee.application;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.io.Reader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.herald.employee.domain.EmployeeCsv;
import org.herald.employee.domain.EmployeeCsv.Numbered;
import org.herald.employee.domain.EmployeeCsv.Parsed;
import org.herald.employee.domain.ImportReport;
import org.herald.employee.domain.ImportReport.RejectedRow;
import org.herald.employee.domain.PhoneNumbers;
import org.herald.platform.HeraldResources;

/**
 * Imports an employee list: parses and validates the CSV, then stores it in batches in one
 * transaction. Rows already stored with the same content are left untouched.
 */
@Stateless
public class EmployeeImportService {

    private static final Logger LOG = Logger.getLogger(EmployeeImportService.class.getName());
    private static final int BATCH = 1000;

    @Resource(lookup = HeraldResources.DATASOURCE)
    private DataSource dataSource;

    @Inject
    @ConfigProperty(name = "herald.phone.default-region", defaultValue = "US")
    private String defaultRegion;

    private EmployeeCsv csv;

    @PostConstruct
    void init() {
        csv = new EmployeeCsv(new PhoneNumbers(defaultRegion));
    }

    public ImportReport importCsv(Reader content) {
        Parsed parsed = csv.parse(content);
        List<RejectedRow> rejected = new ArrayList<>(parsed.rejected());
        EmployeeBatchWriter.Counts counts = new EmployeeBatchWriter.Counts();

        try (Connection connection = dataSource.getConnection()) {
            EmployeeBatchWriter writer = new EmployeeBatchWriter(connection);
            List<Numbered> employees = parsed.employees();
            for (int from = 0; from < employees.size(); from += BATCH) {
                List<Numbered> batch =
                        employees.subList(from, Math.min(from + BATCH, employees.size()));
                writer.write(batch, counts, rejected);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("employee import failed: " + e.getMessage(), e);
        }

        rejected.sort((a, b) -> Long.compare(a.line(), b.line()));
        ImportReport report = new ImportReport(parsed.rows(), counts.imported, counts.updated,
                counts.unchanged, parsed.repeated(), rejected);
        LOG.info(() -> String.format("HERALD-0101 employee import: rows=%d imported=%d updated=%d"
                + " unchanged=%d repeated=%d rejected=%d", report.rows(), report.imported(),
                report.updated(), report.unchanged(), report.repeated().size(), rejected.size()));
        return report;
    }
}
