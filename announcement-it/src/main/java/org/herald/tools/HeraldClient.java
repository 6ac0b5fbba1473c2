package org.herald.tools;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Herald's REST API, as a client uses it: every call carries HTTP Basic credentials of a console
 * user (API clients keep no session, so they need no CSRF token).
 */
public final class HeraldClient {

    private final String api;
    private final String authorization;

    /**
     * @param baseUrl Herald's address, such as {@code http://127.0.0.1:8080/herald}
     * @param username a console user, such as {@code admin}
     * @param password that user's password
     */
    public HeraldClient(String baseUrl, String username, String password) {
        this.api = baseUrl.replaceAll("/+$", "") + "/api";
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A client logged in as the user in {@code HERALD_ADMIN_USER} (default {@code admin}) with
     * the password in {@code HERALD_ADMIN_PASSWORD}, as ./herald demo and bench pass them.
     */
    public static HeraldClient fromEnvironment(String baseUrl) {
        String password = System.getenv("HERALD_ADMIN_PASSWORD");
        if (password == null || password.isEmpty()) {
            throw new IllegalStateException("HERALD_ADMIN_PASSWORD is not set");
        }
        String user = System.getenv().getOrDefault("HERALD_ADMIN_USER", "admin");
        return new HeraldClient(baseUrl, user, password);
    }

    /** A request to {@code /api/<path>} with this client's credentials. */
    public Http.Answer call(String method, String path, String contentType, String body,
            String... headerPairs) {
        String[] headers = new String[headerPairs.length + 2];
        headers[0] = "Authorization";
        headers[1] = authorization;
        System.arraycopy(headerPairs, 0, headers, 2, headerPairs.length);
        return Http.exchange(method, api + path, contentType, body, headers);
    }

    /** The API's address, such as {@code http://127.0.0.1:8080/herald/api}. */
    public String apiUrl() {
        return api;
    }

    public JsonObject importEmployees(String csv) {
        return (JsonObject) call("POST", "/employees/import", "text/csv", csv).expect(200).json();
    }

    public Http.Answer createCampaign(String json, String idempotencyKey) {
        return idempotencyKey == null
                ? call("POST", "/campaigns", "application/json", json)
                : call("POST", "/campaigns", "application/json", json,
                        "Idempotency-Key", idempotencyKey);
    }

    public long createCampaign(String json) {
        JsonObject created = (JsonObject) createCampaign(json, UUID.randomUUID().toString())
                .expect(201).json();
        return created.getJsonNumber("id").longValue();
    }

    public JsonObject campaign(long id) {
        return (JsonObject) call("GET", "/campaigns/" + id, null, null).expect(200).json();
    }

    public JsonArray campaigns() {
        return (JsonArray) call("GET", "/campaigns", null, null).expect(200).json();
    }

    /** The latest campaigns, newest first. */
    public List<JsonObject> campaigns(int limit) {
        return ((JsonArray) call("GET", "/campaigns?limit=" + limit, null, null).expect(200)
                .json())
                .getValuesAs(JsonObject.class);
    }

    public Http.Answer cancel(long id) {
        return call("POST", "/campaigns/" + id + "/cancel", "application/json", "");
    }

    public Http.Answer sendNow(long id) {
        return call("POST", "/campaigns/" + id + "/send-now", "application/json", "");
    }

    /** Pauses a campaign being sent; 200 also when it was paused already. */
    public Http.Answer pause(long id) {
        return call("POST", "/campaigns/" + id + "/pause", "application/json", "");
    }

    /** Resumes a paused campaign; 200 also when it was running already. */
    public Http.Answer resume(long id) {
        return call("POST", "/campaigns/" + id + "/resume", "application/json", "");
    }

    /** The audit trail's latest entries, newest first. */
    public JsonArray audit(int limit) {
        return (JsonArray) call("GET", "/audit?limit=" + limit, null, null).expect(200).json();
    }

    public JsonArray deliveries(long campaignId, String status) {
        return (JsonArray) call("GET", "/campaigns/" + campaignId + "/deliveries?limit=1000"
                + (status == null ? "" : "&status=" + status), null, null).expect(200).json();
    }

    public Http.Answer resend(long deliveryId) {
        return call("POST", "/deliveries/" + deliveryId + "/resend", "application/json", "");
    }

    public Http.Answer markSent(long deliveryId) {
        return call("POST", "/deliveries/" + deliveryId + "/mark-sent", "application/json", "");
    }

    public double throughput() {
        return ((JsonObject) call("GET", "/settings/throughput", null, null).expect(200).json())
                .getJsonNumber("messagesPerSecond").doubleValue();
    }

    public void setThroughput(double messagesPerSecond) {
        call("PUT", "/settings/throughput", "application/json",
                "{\"messagesPerSecond\":" + messagesPerSecond + "}").expect(200);
    }

    /** Creates a console user (needs HR_ADMIN); 201, or 409 when the name is taken. */
    public Http.Answer createUser(String username, String password, String role) {
        return call("POST", "/users", "application/json", "{\"username\":\"" + username
                + "\",\"password\":\"" + password + "\",\"role\":\"" + role + "\"}");
    }

    /** Waits until every delivery of the campaign has left the queue, or the deadline passes. */
    public JsonObject awaitFinished(long id, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        JsonObject campaign = campaign(id);
        while (!campaign.getBoolean("finished") && System.currentTimeMillis() < deadline) {
            Thread.sleep(250);
            campaign = campaign(id);
        }
        return campaign;
    }
}
