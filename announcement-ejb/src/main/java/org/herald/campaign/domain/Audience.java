package org.herald.campaign.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * The employees a campaign is for. Values are department names or employee ids, depending on the
 * type; an audience of everyone has none.
 */
public record Audience(AudienceType type, List<String> values) {

    public Audience {
        values = values == null ? List.of() : List.copyOf(values);
    }

    /** What is wrong with this audience, if anything. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (type == null) {
            problems.add("audience.type is required: ALL, DEPARTMENTS or EMPLOYEES");
        } else if (type == AudienceType.ALL && !values.isEmpty()) {
            problems.add("audience of type ALL takes no values");
        } else if (type != AudienceType.ALL && values.isEmpty()) {
            problems.add("audience of type " + type + " needs at least one value");
        }
        if (values.stream().anyMatch(value -> value == null || value.isBlank())) {
            problems.add("audience values must not be blank");
        }
        return problems;
    }
}
