package org.herald.tools;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * {@code ./herald page-timing}: how long the campaign page takes with a large campaign. Two
 * steps, with the launcher seeding the deliveries in between:
 *
 * <ul>
 *   <li>{@code prepare <herald-url> <recipients>}: imports that many synthetic employees through
 *       the CSV API and creates a campaign for them an hour ahead; prints its id and
 *       department;</li>
 *   <li>{@code measure <herald-url> <campaign-id>}: logs in like the console and times what the
 *       campaign page asks the server for, each request 20 times after 3 warm-ups.</li>
 * </ul>
 *
 * <p>Times are wall-clock times of the HTTP requests from this machine (no browser rendering).
 * "page ready" is the page's requests one after the other, as they reach the server when the
 * page opens: the HTML, its stylesheet and scripts, the session, the campaign, the first page
 * of recipients and the undecided ones.
 */
public final class DetailPageTiming {

    private static final int WARM_UPS = 3;
    private static final int RUNS = 20;
    private static final int IMPORT_CHUNK = 20_000;

    private final String base;
    private final String cookie;

    private DetailPageTiming(String base, String cookie) {
        this.base = base;
        this.cookie = cookie;
    }

    public static void main(String[] args) {
        if (args.length != 3 || !List.of("prepare", "measure").contains(args[0])) {
            System.err.println("usage: DetailPageTiming prepare <herald-url> <recipients>\n"
                    + "       DetailPageTiming measure <herald-url> <campaign-id>");
            System.exit(2);
        }
        if (args[0].equals("prepare")) {
            prepare(HeraldClient.fromEnvironment(args[1]), Integer.parseInt(args[2]));
        } else {
            measure(args[1], Long.parseLong(args[2]));
        }
    }

    private static void prepare(HeraldClient herald, int recipients) {
        String department = "page-timing-" + System.currentTimeMillis();
        long started = System.nanoTime();
        for (int from = 0; from < recipients; from += IMPORT_CHUNK) {
            StringBuilder csv = new StringBuilder("employee_id,name,phone,department,opted_in\n");
            for (int index = from; index < Math.min(recipients, from + IMPORT_CHUNK); index++) {
                csv.append(department).append('-').append(String.format("%07d", index))
                        .append(",Timing Person ").append(index).append(",+4940")
                        .append(20_000_000 + index).append(',').append(department)
                        .append(",true\n");
            }
            JsonObject report = herald.importEmployees(csv.toString());
            if (!report.getJsonArray("rejected").isEmpty()) {
                throw new IllegalStateException("rows rejected: " + report.getJsonArray(
                        "rejected"));
            }
        }
        System.err.printf("imported %d employees in %.1f s%n", recipients,
                (System.nanoTime() - started) / 1e9);
        String json = "{\"name\":\"Page timing " + recipients + "\",\"template\":"
                + "\"hr_announcement\",\"language\":\"en_US\",\"parameters\":"
                + "[\"{{employee.name}}\",\"timing\"],\"audience\":{\"type\":\"DEPARTMENTS\","
                + "\"departments\":[\"" + department + "\"]},\"scheduledAt\":\""
                + OffsetDateTime.now(ZoneOffset.UTC).plusHours(1) + "\"}";
        JsonObject created = (JsonObject) herald.createCampaign(json,
                UUID.randomUUID().toString()).expect(201).json();
        System.out.println(created.getJsonNumber("id").longValue() + " " + department);
    }

    private static void measure(String baseUrl, long campaignId) {
        String password = System.getenv("HERALD_ADMIN_PASSWORD");
        Http.Answer login = Http.post(baseUrl + "/api/session",
                "application/x-www-form-urlencoded", "username=admin&password="
                        + URLEncoder.encode(password, StandardCharsets.UTF_8)).expect(200);
        String setCookie = login.header("Set-Cookie");
        DetailPageTiming timing = new DetailPageTiming(baseUrl,
                setCookie.substring(0, setCookie.indexOf(';')));
        JsonObject campaign = (JsonObject) timing.get("/api/campaigns/" + campaignId).json();
        String deliveries = "/api/campaigns/" + campaignId + "/deliveries?limit=25";
        JsonArray first = (JsonArray) timing.get(deliveries + "&after=0").json();
        long firstId = first.getJsonObject(0).getJsonNumber("id").longValue();
        long lastPage = firstId + campaign.getInt("recipients") - 26;
        String name = first.getJsonObject(0).getString("name");

        Map<String, Supplier<Integer>> steps = new LinkedHashMap<>();
        steps.put("page ready (8 requests)", () -> timing.openPage(campaignId));
        steps.put("campaign with counts", () -> timing.rows("/api/campaigns/" + campaignId));
        steps.put("first table page", () -> timing.rows(deliveries + "&after=0"));
        steps.put("last table page", () -> timing.rows(deliveries + "&after=" + lastPage));
        for (String state : List.of("READ", "FAILED", "UNKNOWN", "QUEUED")) {
            steps.put("state filter " + state, () -> timing.rows(deliveries + "&after=0&status="
                    + state));
        }
        steps.put("search by name (1 match)", () -> timing.rows(deliveries + "&after=0&q="
                + URLEncoder.encode(name, StandardCharsets.UTF_8)));
        steps.put("search by name (many)", () -> timing.rows(deliveries + "&after=0&q=Person"));
        steps.put("search, no match", () -> timing.rows(deliveries + "&after=0&q=nobody"));

        System.out.printf("campaign %d: %d recipients, deliveries %s%n", campaignId,
                campaign.getInt("recipients"), campaign.getJsonObject("deliveries"));
        System.out.printf("%-28s %10s %10s %6s%n", "step", "median ms", "p95 ms", "rows");
        steps.forEach((step, action) -> timing.time(step, action));
    }

    private void time(String step, Supplier<Integer> action) {
        for (int run = 0; run < WARM_UPS; run++) {
            action.get();
        }
        List<Double> millis = new ArrayList<>();
        int rows = 0;
        for (int run = 0; run < RUNS; run++) {
            long started = System.nanoTime();
            rows = action.get();
            millis.add((System.nanoTime() - started) / 1e6);
        }
        Collections.sort(millis);
        System.out.printf("%-28s %10.1f %10.1f %6d%n", step, millis.get(RUNS / 2),
                millis.get((int) Math.ceil(RUNS * 0.95) - 1), rows);
    }

    /** The campaign page's requests, one after the other; returns the table's rows. */
    private int openPage(long campaignId) {
        get("/campaign.html?id=" + campaignId);
        get("/css/console.css");
        get("/js/console.js");
        get("/js/campaign.js");
        get("/api/session");
        get("/api/campaigns/" + campaignId);
        get("/api/campaigns/" + campaignId + "/deliveries?status=UNKNOWN&limit=100");
        return rows("/api/campaigns/" + campaignId + "/deliveries?limit=25&after=0");
    }

    private int rows(String path) {
        Http.Answer answer = get(path);
        return answer.body().startsWith("[") ? ((JsonArray) answer.json()).size() : 1;
    }

    private Http.Answer get(String path) {
        return Http.exchange("GET", base + path, null, null, "Cookie", cookie).expect(200);
    }
}
