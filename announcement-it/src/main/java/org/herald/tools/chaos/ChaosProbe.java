package org.herald.tools.chaos;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.herald.tools.HeraldClient;
import org.herald.tools.Http;
import org.herald.tools.SimulatorClient;

/**
 * The Java half of {@code ./herald chaos} (launcher/chaos.sh): the shell side starts, kills and
 * restarts WildFly and loads the Byteman rules; this side makes each scenario's employees and
 * campaign over Herald's API, drives the request races, and settles and counts a scenario at
 * the provider simulator.
 *
 * <p>Commands, each with Herald's base URL (H) and a scenario folder (D) first:
 * <pre>
 * prepare    H D recipients seconds-ahead   (-1: a day ahead, for send-now)
 * prepare-many H D name:recipients:seconds-ahead ...   one campaign in D/name for each,
 *                                           due that long after one moment (imports done)
 * idempotent H D recipients                 five concurrent creates with one key
 * import     H D recipients                 only the employees, for a later create
 * create     H D key|no-key seconds-ahead   one create of D's campaign, with an
 *                                           Idempotency-Key or without; prints the status
 * campaigns  H D                            how many campaigns D's employees got, and
 *                                           their ids (comma separated)
 * race       H D recipients                 send-now three times at the timer's moment
 * send-now   H D
 * throughput H D messages-per-second       Herald's limit towards the provider
 * pause      H D
 * resume     H D                           prints the HTTP status (0: no answer, server died)
 * settle     H D simulator-url timeout-seconds
 * </pre>
 * {@code settle} prints one line the launcher reads: {@code result key=value ...}.
 */
public final class ChaosProbe {

    private ChaosProbe() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            usage();
        }
        HeraldClient herald = HeraldClient.fromEnvironment(args[1]);
        Path folder = Path.of(args[2]);
        switch (args[0]) {
            case "prepare" -> prepare(herald, folder, Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]));
            case "prepare-many" -> prepareMany(herald, folder,
                    Arrays.copyOfRange(args, 3, args.length));
            case "idempotent" -> idempotentCreates(herald, folder, Integer.parseInt(args[3]));
            case "import" -> importEmployees(herald, folder, Integer.parseInt(args[3]));
            case "create" -> System.out.println(createOnce(herald, folder,
                    "key".equals(args[3]), Integer.parseInt(args[4])));
            case "campaigns" -> System.out.println(campaignsOf(herald, ChaosData.load(folder)));
            case "race" -> timerAndSendNow(herald, folder, Integer.parseInt(args[3]));
            case "send-now" -> herald.sendNow(ChaosData.campaign(folder)).expect(202);
            case "throughput" -> herald.setThroughput(Double.parseDouble(args[3]));
            case "pause" -> pause(herald, ChaosData.campaign(folder));
            case "resume" -> System.out.println(resume(herald, folder));
            case "settle" -> System.out.println(new Settlement(herald, new SimulatorClient(args[3]),
                    ChaosData.campaign(folder), ChaosData.load(folder).phones(),
                    ChaosData.ids(folder, "ambiguous"), ChaosData.ids(folder, "in-doubt-rows"))
                    .settle(Long.parseLong(args[4]) * 1000).line());
            default -> usage();
        }
    }

    private static void usage() {
        System.err.println("usage: ChaosProbe prepare|prepare-many|idempotent|import|create"
                + "|campaigns|race|send-now|throughput|pause|resume|settle <herald-url> <dir> ...");
        System.exit(2);
    }

    private static ChaosData importEmployees(HeraldClient herald, Path folder, int recipients)
            throws IOException {
        ChaosData data = ChaosData.create(recipients);
        herald.importEmployees(data.csv());
        data.save(folder);
        return data;
    }

    private static void prepare(HeraldClient herald, Path folder, int recipients,
            int secondsAhead) throws IOException {
        ChaosData data = importEmployees(herald, folder, recipients);
        long campaignId = herald.createCampaign(data.campaignJson(
                inSeconds(secondsAhead < 0 ? 86_400 : secondsAhead)));
        ChaosData.saveCampaign(folder, campaignId);
        System.out.println(campaignId);
    }

    /**
     * Several campaigns, each with employees of its own in a subfolder, due at the given
     * seconds after one moment taken once every import is done and before the first campaign
     * is made: their times neither drift apart nor shrink however slow the imports are.
     */
    private static void prepareMany(HeraldClient herald, Path folder, String[] specs)
            throws IOException {
        List<ChaosData> data = new ArrayList<>();
        for (String spec : specs) {
            String[] parts = spec.split(":");
            if (parts.length != 3) {
                throw new IllegalArgumentException("campaign '" + spec
                        + "' is not name:recipients:seconds-ahead");
            }
            data.add(importEmployees(herald, folder.resolve(parts[0]),
                    Integer.parseInt(parts[1])));
        }
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC);
        for (int index = 0; index < specs.length; index++) {
            String[] parts = specs[index].split(":");
            long campaignId = herald.createCampaign(data.get(index).campaignJson(
                    start.plusSeconds(Long.parseLong(parts[2])).toString()));
            ChaosData.saveCampaign(folder.resolve(parts[0]), campaignId);
        }
    }

    /** Five creates with one Idempotency-Key at once; prints how many campaigns they made. */
    private static void idempotentCreates(HeraldClient herald, Path folder, int recipients)
            throws Exception {
        ChaosData data = importEmployees(herald, folder, recipients);
        String body = data.campaignJson(inSeconds(2));
        String key = UUID.randomUUID().toString();

        List<Http.Answer> answers = concurrently(5, () -> herald.createCampaign(body, key));

        long campaignId = -1;
        int refused = 0;
        for (Http.Answer answer : answers) {
            if (answer.status() == 201) {
                campaignId = ((JsonObject) answer.json()).getJsonNumber("id").longValue();
            } else {
                refused++;
            }
        }
        long campaigns = herald.campaigns(1000).stream()
                .filter(campaign -> data.department().equals(campaign.getString("name")))
                .count();
        ChaosData.saveCampaign(folder, campaignId);
        System.out.printf("campaigns=%d refused=%d%n", campaigns, refused);
    }

    /**
     * One create of the campaign to the employees imported into the folder, as a client that
     * sends an Idempotency-Key or as one that does not; keeps the campaign made and prints the
     * HTTP status (0 when no answer came).
     */
    private static int createOnce(HeraldClient herald, Path folder, boolean withKey,
            int secondsAhead) throws IOException {
        String body = ChaosData.load(folder).campaignJson(inSeconds(secondsAhead));
        Http.Answer answer;
        try {
            answer = herald.createCampaign(body, withKey ? UUID.randomUUID().toString() : null);
        } catch (RuntimeException e) {
            return 0;
        }
        if (answer.status() == 201) {
            ChaosData.saveCampaign(folder,
                    ((JsonObject) answer.json()).getJsonNumber("id").longValue());
        }
        return answer.status();
    }

    /**
     * How many campaigns carry the name of the folder's department (one per create that made
     * one), and their ids: {@code <count> <id>,<id>...}.
     */
    private static String campaignsOf(HeraldClient herald, ChaosData data) {
        List<String> ids = herald.campaigns(1000).stream()
                .filter(campaign -> data.department().equals(campaign.getString("name")))
                .map(campaign -> campaign.getJsonNumber("id").toString())
                .toList();
        return ids.size() + " " + String.join(",", ids);
    }

    /** A campaign due in a few seconds, and three send-now requests at its due moment. */
    private static void timerAndSendNow(HeraldClient herald, Path folder, int recipients)
            throws Exception {
        ChaosData data = importEmployees(herald, folder, recipients);
        OffsetDateTime due = OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(4)
                .truncatedTo(ChronoUnit.SECONDS);
        long campaignId = herald.createCampaign(data.campaignJson(due.toString()));
        ChaosData.saveCampaign(folder, campaignId);
        long wait = due.toInstant().toEpochMilli() - System.currentTimeMillis();
        Thread.sleep(Math.max(0, wait));

        List<Http.Answer> answers = concurrently(3, () -> herald.sendNow(campaignId));

        long accepted = answers.stream().filter(answer -> answer.status() == 202).count();
        System.out.printf("campaign=%d send-now accepted=%d%n", campaignId, accepted);
    }

    /** Pauses the campaign as soon as its dispatch has started (send-now claims it async). */
    private static void pause(HeraldClient herald, long campaignId) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        Http.Answer answer = herald.pause(campaignId);
        while (answer.status() == 409 && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            answer = herald.pause(campaignId);
        }
        answer.expect(200);
    }

    /**
     * Resumes the scenario's campaign; the HTTP status, or 0 when the server died before it
     * answered (a rule may kill it as soon as the resume has committed).
     */
    private static int resume(HeraldClient herald, Path folder) throws IOException {
        try {
            return herald.resume(ChaosData.campaign(folder)).status();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static String inSeconds(int seconds) {
        return OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(seconds).toString();
    }

    private static <T> List<T> concurrently(int count, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            List<Callable<T>> tasks = new ArrayList<>();
            for (int index = 0; index < count; index++) {
                tasks.add(task);
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : pool.invokeAll(tasks)) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
