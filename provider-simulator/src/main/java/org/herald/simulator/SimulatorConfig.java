package org.herald.simulator;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Start-up settings of the simulator. Each option comes from the command line
 * ({@code --port 8099} or {@code --port=8099}) or, when absent there, from its environment
 * variable ({@code SIM_PORT}).
 */
public record SimulatorConfig(
        int port,
        String accessToken,
        String appSecret,
        String webhookUrl,
        String phoneNumberId,
        String wabaId,
        int rateLimit,
        String displayPhoneNumber) {

    public static final String USAGE = String.join(System.lineSeparator(),
            "usage: java -jar provider-simulator.jar --access-token TOKEN --app-secret SECRET",
            "         [--port 8099] [--webhook-url URL] [--phone-number-id 1000000001]",
            "         [--waba-id 2000000001] [--rate-limit 0] [--display-phone-number 15550100001]",
            "Every option can also be set with an environment variable, e.g. SIM_PORT,",
            "SIM_ACCESS_TOKEN, SIM_APP_SECRET, SIM_WEBHOOK_URL, SIM_PHONE_NUMBER_ID, SIM_WABA_ID,",
            "SIM_RATE_LIMIT, SIM_DISPLAY_PHONE_NUMBER; the command line wins.");

    private static final List<String> OPTIONS = List.of("port", "access-token", "app-secret",
            "webhook-url", "phone-number-id", "waba-id", "rate-limit", "display-phone-number");

    public SimulatorConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        requireText("access-token", accessToken);
        requireText("app-secret", appSecret);
        requireText("phone-number-id", phoneNumberId);
        requireText("waba-id", wabaId);
        if (rateLimit < 0) {
            throw new IllegalArgumentException("rate-limit must be >= 0: " + rateLimit);
        }
        if (webhookUrl != null && webhookUrl.isBlank()) {
            webhookUrl = null;
        }
    }

    /** Settings for tests: a free port, no webhooks, no rate limit. */
    public static SimulatorConfig forTests(String accessToken, String appSecret) {
        return new SimulatorConfig(0, accessToken, appSecret, null, "1000000001", "2000000001", 0,
                "15550100001");
    }

    public SimulatorConfig withWebhookUrl(String url) {
        return new SimulatorConfig(port, accessToken, appSecret, url, phoneNumberId, wabaId,
                rateLimit, displayPhoneNumber);
    }

    /**
     * Reads the options from the arguments, falling back to the environment.
     *
     * @throws IllegalArgumentException naming the option that is unknown, missing or malformed
     */
    public static SimulatorConfig parse(String[] args, Map<String, String> environment) {
        Map<String, String> options = readArguments(args);
        for (String option : OPTIONS) {
            String fromEnvironment = environment.get(environmentName(option));
            if (!options.containsKey(option) && fromEnvironment != null) {
                options.put(option, fromEnvironment);
            }
        }

        return new SimulatorConfig(
                intOption(options, "port", 8099),
                options.get("access-token"),
                options.get("app-secret"),
                options.get("webhook-url"),
                options.getOrDefault("phone-number-id", "1000000001"),
                options.getOrDefault("waba-id", "2000000001"),
                intOption(options, "rate-limit", 0),
                options.getOrDefault("display-phone-number", "15550100001"));
    }

    static String environmentName(String option) {
        return "SIM_" + option.toUpperCase().replace('-', '_');
    }

    private static Map<String, String> readArguments(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int index = 0; index < args.length; index++) {
            String argument = args[index];
            if (!argument.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument: " + argument);
            }
            String name = argument.substring(2);
            String value;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            } else if (index + 1 < args.length) {
                index++;
                value = args[index];
            } else {
                throw new IllegalArgumentException("option --" + name + " needs a value");
            }
            if (!OPTIONS.contains(name)) {
                throw new IllegalArgumentException("unknown option: --" + name);
            }
            options.put(name, value);
        }
        return options;
    }

    private static int intOption(Map<String, String> options, String name, int fallback) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number: " + value, e);
        }
    }

    private static void requireText(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + " (or " + environmentName(name)
                    + ") is required");
        }
    }
}
