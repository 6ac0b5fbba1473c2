package org.herald.integration.domain;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.herald.campaign.domain.Audience;
import org.herald.campaign.domain.AudienceType;
import org.herald.campaign.domain.CampaignDraft;
import org.herald.campaign.domain.UnknownPolicy;
import org.herald.platform.JsonFactory;

/**
 * A campaign request read from the request queue, format version 1: the body of the REST create
 * call plus {@code version} and {@code requestId}.
 *
 * <pre>
 * {"version": 1, "requestId": "hr-2026-0412",
 *  "name": "Office closed Friday", "template": "office_closure", "language": "en_US",
 *  "parameters": ["{{employee.name}}", "Berlin"],
 *  "audience": {"type": "DEPARTMENTS", "departments": ["Sales"]},
 *  "scheduledAt": "2026-12-04T09:00:00+01:00", "unknownPolicy": "NEVER_RESEND"}
 * </pre>
 *
 * {@link #parse} never throws for bad input: it returns an {@link Invalid} naming every problem.
 */
public sealed interface CampaignRequestMessage {

    int VERSION = 1;
    int MAX_REQUEST_ID_LENGTH = 150;

    /** The request id, when the message had a usable one; null otherwise. */
    String requestId();

    /** A request that can be handed to the create use case. */
    record Valid(String requestId, CampaignDraft draft) implements CampaignRequestMessage {
    }

    /** A request Herald cannot accept, with every reason. */
    record Invalid(String requestId, List<String> problems) implements CampaignRequestMessage {

        public Invalid {
            problems = List.copyOf(problems);
        }

        /** The reasons as one line, for the dead-letter copy's property. */
        public String reason() {
            return String.join("; ", problems);
        }
    }

    static CampaignRequestMessage parse(String text) {
        if (text == null || text.isBlank()) {
            return new Invalid(null, List.of("the message body is empty; expected a JSON object"));
        }
        JsonObject json;
        try (JsonReader reader = JsonFactory.reader(new StringReader(text))) {
            json = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            return new Invalid(null, List.of("the message body is not a JSON object: "
                    + e.getMessage()));
        }
        return new Reader(json).read();
    }

    /** Reads one JSON object field by field, collecting problems instead of stopping. */
    final class Reader {

        private final JsonObject json;
        private final List<String> problems = new ArrayList<>();

        private Reader(JsonObject json) {
            this.json = json;
        }

        private CampaignRequestMessage read() {
            String requestId = requestId();
            JsonValue version = json.get("version");
            if (version == null || version.getValueType() != JsonValue.ValueType.NUMBER
                    || !version.toString().equals(Integer.toString(VERSION))) {
                problems.add("version must be " + VERSION + " (was " + version + ")");
                return new Invalid(requestId, problems);
            }
            CampaignDraft draft = new CampaignDraft(string("name"), string("template"),
                    string("language"), strings(json, "parameters"), audience(),
                    scheduledAt(), unknownPolicy(), null);
            for (String problem : draft.problems()) {
                String field = problem.split(" ", 2)[0];
                if (problems.stream().noneMatch(known -> known.startsWith(field))) {
                    problems.add(problem);
                }
            }
            if (!problems.isEmpty() || requestId == null) {
                return new Invalid(requestId, problems);
            }
            return new Valid(requestId, draft);
        }

        private String requestId() {
            String requestId = string("requestId");
            if (requestId == null || requestId.isBlank()) {
                problems.add("requestId is required");
                return null;
            }
            if (requestId.length() > MAX_REQUEST_ID_LENGTH) {
                problems.add("requestId is longer than " + MAX_REQUEST_ID_LENGTH + " characters");
                return null;
            }
            return requestId;
        }

        private String string(String field) {
            return string(json, field);
        }

        private String string(JsonObject object, String field) {
            JsonValue value = object.get(field);
            if (value == null || value == JsonValue.NULL) {
                return null;
            }
            if (value instanceof JsonString text) {
                return text.getString();
            }
            problems.add(field + " must be a string");
            return null;
        }

        private List<String> strings(JsonObject object, String field) {
            JsonValue value = object.get(field);
            if (value == null || value == JsonValue.NULL) {
                return null;
            }
            if (!(value instanceof JsonArray array)
                    || array.stream().anyMatch(item -> !(item instanceof JsonString))) {
                problems.add(field + " must be an array of strings");
                return null;
            }
            return array.getValuesAs(JsonString.class).stream().map(JsonString::getString)
                    .toList();
        }

        private Audience audience() {
            JsonValue value = json.get("audience");
            if (value == null || value == JsonValue.NULL) {
                return null;
            }
            if (!(value instanceof JsonObject audience)) {
                problems.add("audience must be an object");
                return null;
            }
            AudienceType type = parseEnum(AudienceType.class, string(audience, "type"),
                    "audience.type");
            if (type == null) {
                return null;
            }
            String field = type == AudienceType.EMPLOYEES ? "employeeIds" : "departments";
            return new Audience(type, strings(audience, field));
        }

        private OffsetDateTime scheduledAt() {
            String value = string("scheduledAt");
            if (value == null) {
                return null;
            }
            try {
                return OffsetDateTime.parse(value);
            } catch (DateTimeParseException e) {
                problems.add("scheduledAt '" + value + "' is not ISO-8601 with an offset");
                return null;
            }
        }

        private UnknownPolicy unknownPolicy() {
            return parseEnum(UnknownPolicy.class, string("unknownPolicy"), "unknownPolicy");
        }

        private <E extends Enum<E>> E parseEnum(Class<E> type, String value, String field) {
            if (value == null) {
                if (field.equals("audience.type")) {
                    problems.add("audience.type is required");
                }
                return null;
            }
            try {
                return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(field + " '" + value + "' is not one of "
                        + List.of(type.getEnumConstants()));
                return null;
            }
        }
    }
}
