package org.herald.tools;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.UUID;

/** Herald's REST API, as a client uses it. */
public final class HeraldClient {

    private final String api;

    /** @param baseUrl Herald's address, such as {@code http://127.0.0.1:8080/herald} */
    public HeraldClient(String baseUrl) {
        this.api = baseUrl.replaceAll("/+$", "") + "/api";
    }

    /** The API's address, such as {@code http://127.0.0.1:8080/herald/api}. */
    public String apiUrl() {
        return api;
    }

    public JsonObject importEmployees(String csv) {
        return (JsonObject) Http.post(api + "/employees/import", "text/csv", csv)
                .expect(200).json();
    }

    public Http.Answer createCampaign(String json, String idempotencyKey) {
        return idempotencyKey == null
                ? Http.post(api + "/campaigns", "application/json", json)
                : Http.post(api + "/campaigns", "application/json", json,
                        "Idempotency-Key", idempotencyKey);
    }

    public long createCampaign(String json) {
        JsonObject created = (JsonObject) createCampaign(json, UUID.randomUUID().toString())
                .expect(201).json();
        return created.getJsonNumber("id").longValue();
    }

    public JsonObject campaign(long id) {
        return (JsonObject) Http.get(api + "/campaigns/" + id).expect(200).json();
    }

    /** The latest campaigns, newest first. */
    public List<JsonObject> campaigns(int limit) {
        return ((JsonArray) Http.get(api + "/campaigns?limit=" + limit).expect(200).json())
                .getValuesAs(JsonObject.class);
    }

    public Http.Answer cancel(long id) {
        return Http.post(api + "/campaigns/" + id + "/cancel", "application/json", "");
    }

    public Http.Answer sendNow(long id) {
        return Http.post(api + "/campaigns/" + id + "/send-now", "application/json", "");
    }

    public JsonArray deliveries(long campaignId, String status) {
        return (JsonArray) Http.get(api + "/campaigns/" + campaignId + "/deliveries?limit=1000"
                + (status == null ? "" : "&status=" + status)).expect(200).json();
    }

    public Http.Answer resend(long deliveryId) {
        return Http.post(api + "/deliveries/" + deliveryId + "/resend", "application/json", "");
    }

    public Http.Answer markSent(long deliveryId) {
        return Http.post(api + "/deliveries/" + deliveryId + "/mark-sent", "application/json", "");
    }

    public double throughput() {
        return ((JsonObject) Http.get(api + "/settings/throughput").expect(200).json())
                .getJsonNumber("messagesPerSecond").doubleValue();
    }

    public void setThroughput(double messagesPerSecond) {
        Http.send("PUT", api + "/settings/throughput", "application/json",
                "{\"messagesPerSecond\":" + messagesPerSecond + "}").expect(200);
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
