package org.herald.gateway;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.herald.platform.JsonFactory;

/**
 * The business account's message templates, read from the provider the way the Cloud API lists
 * them ({@code GET /{version}/{waba-id}/message_templates}) and kept for a minute. Used to refuse
 * a campaign whose template, language or number of parameters the provider would refuse for
 * every recipient.
 */
@ApplicationScoped
public class TemplateCatalog {

    private static final Logger LOG = Logger.getLogger(TemplateCatalog.class.getName());
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\d+)}}");
    private static final long TTL_NANOS = Duration.ofMinutes(1).toNanos();

    @Inject
    CloudApiSettings settings;

    private HttpClient client;
    private volatile List<Template> cached;
    private volatile long cachedAt;

    /** One template in one language, with the number of body parameters it takes. */
    public record Template(String name, String language, String status, String category,
            String body, int parameters) {
    }

    @PostConstruct
    void init() {
        client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    }

    /** The templates, or empty when the provider cannot be asked right now. */
    public Optional<List<Template>> templates() {
        List<Template> current = cached;
        if (current != null && System.nanoTime() - cachedAt < TTL_NANOS) {
            return Optional.of(current);
        }
        try {
            cached = fetch();
            cachedAt = System.nanoTime();
            return Optional.of(cached);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "HERALD-0603 templates cannot be read from the provider: {0}",
                    e.toString());
            return Optional.ofNullable(current);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.ofNullable(current);
        }
    }

    /** What the provider would refuse about this template use; empty when it is fine. */
    public List<String> problems(String name, String language, int parameters) {
        Optional<List<Template>> templates = templates();
        if (templates.isEmpty()) {
            return List.of();
        }
        Optional<Template> match = templates.get().stream()
                .filter(t -> t.name().equals(name) && t.language().equals(language))
                .findFirst();
        if (match.isEmpty()) {
            return List.of("template " + name + " in " + language + " is not among the"
                    + " account's templates");
        }
        Template template = match.get();
        if (!"APPROVED".equals(template.status())) {
            return List.of("template " + name + " is " + template.status() + ", not APPROVED");
        }
        if (template.parameters() != parameters) {
            return List.of("template " + name + " takes " + template.parameters()
                    + " body parameters, not " + parameters);
        }
        return List.of();
    }

    private List<Template> fetch() throws IOException, InterruptedException {
        URI uri = settings.templatesUri().orElseThrow(
                () -> new IllegalStateException("herald.whatsapp.waba-id is not set"));
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(5))
                .header("Authorization", settings.authorization())
                .GET()
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode());
        }
        try (JsonReader reader = JsonFactory.reader(new StringReader(response.body()))) {
            List<Template> templates = new ArrayList<>();
            for (JsonValue value : reader.readObject().getJsonArray("data")) {
                templates.add(read(value.asJsonObject()));
            }
            return List.copyOf(templates);
        }
    }

    private static Template read(JsonObject json) {
        String body = "";
        for (JsonValue component : json.getJsonArray("components")) {
            if ("BODY".equals(component.asJsonObject().getString("type", ""))) {
                body = component.asJsonObject().getString("text", "");
            }
        }
        int parameters = 0;
        Matcher placeholder = PLACEHOLDER.matcher(body);
        while (placeholder.find()) {
            parameters = Math.max(parameters, Integer.parseInt(placeholder.group(1)));
        }
        return new Template(json.getString("name"), json.getString("language"),
                json.getString("status", ""), json.getString("category", ""), body, parameters);
    }
}
