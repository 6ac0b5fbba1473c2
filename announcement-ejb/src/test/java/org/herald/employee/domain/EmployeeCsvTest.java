package org.herald.employee.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.herald.employee.domain.EmployeeCsv.Parsed;
import org.herald.platform.RequestRejectedException;
import org.junit.jupiter.api.Test;

class EmployeeCsvTest {

    private static final String HEADER = "employee_id,name,phone,department,opted_in\n";

    private final EmployeeCsv csv = new EmployeeCsv(new PhoneNumbers("US"));

    @Test
    void rowsNamingTheSameEmployeeTwiceAreOneEmployee() {
        String file = HEADER
                + "E1,Ada,+1 212 555 0143,Sales,true\n"
                + "E1,Ada,(212) 555-0143,Sales,yes\n";

        Parsed parsed = csv.parse(new StringReader(file));

        assertEquals(1, parsed.employees().size());
        assertEquals("+12125550143", parsed.employees().get(0).employee().phoneE164());
        assertEquals(1, parsed.repeated().size());
        assertEquals(3, parsed.repeated().get(0).line());
        assertEquals(2, parsed.repeated().get(0).firstLine());
    }

    @Test
    void badRowsAreReportedWithLineAndReasonAndTheRestKept() {
        String file = HEADER
                + "E1,Ada,12-34,Sales,true\n"
                + "E2,,+1 212 555 0144,Sales,true\n"
                + "E3,Cy,+1 212 555 0145,Sales,maybe\n"
                + "E4,Di,+49 30 1234567,,false\n";

        Parsed parsed = csv.parse(new StringReader(file));

        assertEquals(3, parsed.rejected().size());
        assertEquals(2, parsed.rejected().get(0).line());
        assertTrue(parsed.rejected().get(0).reason().contains("12-34"));
        assertEquals("name is empty", parsed.rejected().get(1).reason());
        assertTrue(parsed.rejected().get(2).reason().contains("opted_in"));
        assertEquals(1, parsed.employees().size());
        assertFalse(parsed.employees().get(0).employee().optedIn());
    }

    @Test
    void aPhoneOfAnotherEmployeeInTheSameFileIsRefused() {
        String file = HEADER
                + "E1,Ada,+1 212 555 0143,Sales,true\n"
                + "E2,Bo,212-555-0143,Sales,true\n";

        Parsed parsed = csv.parse(new StringReader(file));

        assertEquals(1, parsed.employees().size());
        assertTrue(parsed.rejected().get(0).reason().contains("already belongs to employee E1"));
    }

    @Test
    void aHeaderWithoutTheRequiredColumnsRefusesTheFile() {
        RequestRejectedException rejected = assertThrows(RequestRejectedException.class,
                () -> csv.parse(new StringReader("id,name,phone\nE1,Ada,+12125550143\n")));

        assertTrue(rejected.getMessage().contains("employee_id"));
        assertTrue(rejected.getMessage().contains("opted_in"));
    }

    @Test
    void aSpreadsheetsByteOrderMarkAndHeaderCaseAreAccepted() {
        String file = "\uFEFFEmployee_ID,Name,Phone,Department,Opted_In\n"
                + "E1,Jürgen,+49 30 1234567,Sales,true\n";

        Parsed parsed = csv.parse(new StringReader(file));

        assertEquals(1, parsed.employees().size(), () -> parsed.rejected().toString());
        assertEquals("Jürgen", parsed.employees().get(0).employee().name());
    }

    @Test
    void theShippedSampleHasOneRepeatOneBadPhoneAndOneOptOut() throws IOException {
        Path sample = Path.of("..", "samples", "employees.csv");

        Parsed parsed;
        try (Reader reader = Files.newBufferedReader(sample, StandardCharsets.UTF_8)) {
            parsed = csv.parse(reader);
        }

        assertEquals(1000, parsed.rows());
        assertEquals(1, parsed.rejected().size(), () -> parsed.rejected().toString());
        assertEquals(1, parsed.repeated().size());
        assertEquals(998, parsed.employees().size());
        assertEquals(997, parsed.employees().stream().filter(e -> e.employee().optedIn()).count());
    }
}
