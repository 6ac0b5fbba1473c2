package org.herald.gateway;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where and as whom Herald talks to the WhatsApp Cloud API, from MicroProfile Config. Pointing
 * Herald at the real API instead of the simulator is a change of these values only.
 */
@ApplicationScoped
public class CloudApiSettings {

    @Inject
    @ConfigProperty(name = "herald.whatsapp.base-url", defaultValue = "https://graph.facebook.com")
    String baseUrl;

    @Inject
    @ConfigProperty(name = "herald.whatsapp.api-version", defaultValue = "v21.0")
    String apiVersion;

    @Inject
    @ConfigProperty(name = "herald.whatsapp.phone-number-id")
    String phoneNumberId;

    @Inject
    @ConfigProperty(name = "herald.whatsapp.waba-id")
    Optional<String> wabaId;

    @Inject
    @ConfigProperty(name = "herald.whatsapp.access-token")
    String accessToken;

    @Inject
    @ConfigProperty(name = "herald.whatsapp.request-timeout-ms", defaultValue = "10000")
    long requestTimeoutMillis;

    /** {@code {base}/{version}/{phone-number-id}/messages} */
    public URI messagesUri() {
        return uri(phoneNumberId + "/messages");
    }

    /** {@code {base}/{version}/{waba-id}/message_templates}, if the account is configured. */
    public Optional<URI> templatesUri() {
        return wabaId.map(id -> uri(id + "/message_templates?limit=200"));
    }

    public String authorization() {
        return "Bearer " + accessToken;
    }

    public long requestTimeoutMillis() {
        return requestTimeoutMillis;
    }

    private URI uri(String path) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return URI.create(base + "/" + apiVersion + "/" + path);
    }
}
