package org.herald.tools;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The tools' own reading of an employee CSV, independent of Herald's: which employees a campaign
 * to all of them should reach (the last row per employee id, opted in, with a valid phone).
 */
public final class EmployeeFile {

    private final Map<String, String> optedInPhones = new LinkedHashMap<>();
    private final Set<String> employeeIds = new LinkedHashSet<>();

    public EmployeeFile(String csv, String defaultRegion) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setTrim(true).get();
        try (Reader reader = new StringReader(csv); CSVParser parser = format.parse(reader)) {
            for (CSVRecord row : parser) {
                read(row, defaultRegion);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void read(CSVRecord row, String defaultRegion) {
        String id = row.get("employee_id");
        employeeIds.add(id);
        String phone = e164(row.get("phone"), defaultRegion);
        boolean optedIn = "true".equalsIgnoreCase(row.get("opted_in"));
        if (phone != null && optedIn) {
            optedInPhones.put(id, phone);
        } else if (phone != null) {
            optedInPhones.remove(id);
        }
    }

    private static String e164(String raw, String region) {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        try {
            PhoneNumber number = util.parse(raw, region);
            return util.isValidNumber(number) ? util.format(number, PhoneNumberFormat.E164) : null;
        } catch (NumberParseException e) {
            return null;
        }
    }

    public Set<String> employeeIds() {
        return employeeIds;
    }

    public Set<String> expectedPhones() {
        return new LinkedHashSet<>(optedInPhones.values());
    }
}
