package org.herald.simulator;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Validates a send request body the way the Cloud API does, naming the offending field in
 * {@code error_data.details}.
 */
final class SendRequestParser {

    static final int MAX_CALLBACK_DATA = 512;
    static final int MAX_BODY_TEXT = 1024;

    private static final Pattern PHONE = Pattern.compile("\\+?[0-9]{7,15}");
    private static final Pattern BAD_SPACING = Pattern.compile("[\\n\\t]| {5,}");

    private final TemplateCatalog catalog;

    SendRequestParser(TemplateCatalog catalog) {
        this.catalog = catalog;
    }

    SendRequest parse(byte[] body) {
        JsonObject message = requireObject(body);
        requireConstant(message, "messaging_product", "whatsapp", true);
        requireConstant(message, "recipient_type", "individual", false);
        String input = requireString(message, "to", "to");
        if (!PHONE.matcher(input).matches()) {
            throw ApiError.invalidParameter("Param to must be a phone number in international"
                    + " format: 7 to 15 digits, optionally after a '+'");
        }
        requireConstant(message, "type", "template", true);
        String callbackData = callbackData(message);

        JsonObject template = requireObject(message, "template", "template");
        String name = requireString(template, "name", "template['name']");
        JsonObject language = requireObject(template, "language", "template['language']");
        String code = requireString(language, "code", "template['language']['code']");
        List<String> parameters = bodyParameters(template);

        Template known = catalog.find(name, code);
        if (known == null || !known.approved()) {
            throw ApiError.of(132001, "template name (" + name + ") does not exist in " + code);
        }
        checkParameters(known, parameters);

        String digits = input.startsWith("+") ? input.substring(1) : input;
        return new SendRequest(input, digits, known, List.copyOf(parameters), callbackData);
    }

    private static JsonObject requireObject(byte[] body) {
        JsonStructure parsed;
        try {
            parsed = JsonSupport.parse(body);
        } catch (IllegalArgumentException e) {
            throw ApiError.invalidParameter("Request body is not valid JSON: " + e.getMessage());
        }
        if (!(parsed instanceof JsonObject object)) {
            throw ApiError.invalidParameter("Request body must be a JSON object");
        }
        return object;
    }

    private static void requireConstant(JsonObject object, String name, String expected,
            boolean required) {
        if (!object.containsKey(name) && !required) {
            return;
        }
        String value = requireString(object, name, name);
        if (!expected.equals(value)) {
            throw ApiError.invalidParameter("Param " + name + " must be '" + expected
                    + "' (the simulator supports no other value), got '" + value + "'");
        }
    }

    private static String callbackData(JsonObject message) {
        if (!message.containsKey("biz_opaque_callback_data")) {
            return null;
        }
        String value = requireString(message, "biz_opaque_callback_data",
                "biz_opaque_callback_data");
        if (value.length() > MAX_CALLBACK_DATA) {
            throw ApiError.invalidParameter("Param biz_opaque_callback_data must be at most "
                    + MAX_CALLBACK_DATA + " characters long");
        }
        return value;
    }

    private static List<String> bodyParameters(JsonObject template) {
        JsonValue components = template.get("components");
        if (components == null || components == JsonValue.NULL) {
            return List.of();
        }
        if (!(components instanceof JsonArray array)) {
            throw ApiError.invalidParameter("Param template['components'] must be an array");
        }
        List<String> parameters = null;
        for (int index = 0; index < array.size(); index++) {
            String path = "template['components'][" + index + "]";
            if (!(array.get(index) instanceof JsonObject component)) {
                throw ApiError.invalidParameter("Param " + path + " must be an object");
            }
            String type = requireString(component, "type", path + "['type']");
            List<String> texts = textParameters(component, path);
            if (!"body".equalsIgnoreCase(type)) {
                if (!texts.isEmpty()) {
                    throw ApiError.of(132000, type.toLowerCase()
                            + ": number of localizable_params (" + texts.size()
                            + ") does not match the expected number of params (0)");
                }
                continue;
            }
            if (parameters != null) {
                throw ApiError.invalidParameter("Param " + path + " repeats the body component");
            }
            parameters = texts;
        }
        return parameters == null ? List.of() : parameters;
    }

    private static List<String> textParameters(JsonObject component, String path) {
        JsonValue value = component.get("parameters");
        if (value == null || value == JsonValue.NULL) {
            return List.of();
        }
        if (!(value instanceof JsonArray array)) {
            throw ApiError.invalidParameter("Param " + path + "['parameters'] must be an array");
        }
        List<String> texts = new ArrayList<>(array.size());
        for (int index = 0; index < array.size(); index++) {
            String parameterPath = path + "['parameters'][" + index + "]";
            if (!(array.get(index) instanceof JsonObject parameter)) {
                throw ApiError.invalidParameter("Param " + parameterPath + " must be an object");
            }
            String type = requireString(parameter, "type", parameterPath + "['type']");
            if (!"text".equals(type)) {
                throw ApiError.invalidParameter("Param " + parameterPath + "['type'] must be"
                        + " 'text' (the simulator supports no other parameter type)");
            }
            String text = requireString(parameter, "text", parameterPath + "['text']");
            if (text.isEmpty()) {
                throw ApiError.invalidParameter("Param " + parameterPath + "['text'] is required");
            }
            if (BAD_SPACING.matcher(text).find()) {
                throw ApiError.invalidParameter("Param " + parameterPath + "['text'] cannot have"
                        + " new-line/tab characters or more than 4 consecutive spaces");
            }
            texts.add(text);
        }
        return texts;
    }

    private static void checkParameters(Template template, List<String> parameters) {
        int expected = template.parameterCount();
        if (parameters.size() != expected) {
            throw ApiError.of(132000, "body: number of localizable_params (" + parameters.size()
                    + ") does not match the expected number of params (" + expected + ")");
        }
        int length = template.render(parameters).length();
        if (length > MAX_BODY_TEXT) {
            throw ApiError.of(132005, "The body text of template " + template.name() + " is "
                    + length + " characters long once filled in; the limit is " + MAX_BODY_TEXT);
        }
    }

    private static String requireString(JsonObject object, String name, String path) {
        JsonValue value = object.get(name);
        if (value == null || value == JsonValue.NULL) {
            throw ApiError.invalidParameter("The parameter " + path + " is required.");
        }
        if (value.getValueType() != JsonValue.ValueType.STRING) {
            throw ApiError.invalidParameter("Param " + path + " must be a string");
        }
        return JsonSupport.string(object, name);
    }

    private static JsonObject requireObject(JsonObject object, String name, String path) {
        JsonValue value = object.get(name);
        if (value == null || value == JsonValue.NULL) {
            throw ApiError.invalidParameter("The parameter " + path + " is required.");
        }
        if (!(value instanceof JsonObject nested)) {
            throw ApiError.invalidParameter("Param " + path + " must be an object");
        }
        return nested;
    }
}
