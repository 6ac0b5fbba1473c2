package org.herald.employee.domain;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Optional;

/**
 * Normalises phone numbers to E.164 with libphonenumber. Numbers written without a country code
 * are read in the default region.
 */
public final class PhoneNumbers {

    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    private final String defaultRegion;

    public PhoneNumbers(String defaultRegion) {
        if (!PhoneNumberUtil.getInstance().getSupportedRegions().contains(defaultRegion)) {
            throw new IllegalArgumentException("unknown phone region: " + defaultRegion);
        }
        this.defaultRegion = defaultRegion;
    }

    /**
     * Returns the number in E.164 form ({@code +4930123456}), or the reason it is not a valid
     * number as the error.
     */
    public Result normalise(String raw) {
        if (raw == null || raw.isBlank()) {
            return Result.invalid("phone is empty");
        }
        try {
            PhoneNumber number = util.parse(raw.strip(), defaultRegion);
            if (!util.isValidNumber(number)) {
                return Result.invalid("phone '" + raw.strip() + "' is not a valid number");
            }
            return new Result(Optional.of(util.format(number, PhoneNumberFormat.E164)), null);
        } catch (NumberParseException e) {
            return Result.invalid("phone '" + raw.strip() + "' cannot be read: " + e.getMessage());
        }
    }

    /** A normalised number or the reason there is none. */
    public record Result(Optional<String> e164, String problem) {

        static Result invalid(String problem) {
            return new Result(Optional.empty(), problem);
        }
    }
}
