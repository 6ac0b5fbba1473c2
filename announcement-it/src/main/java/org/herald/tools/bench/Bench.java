package org.herald.tools.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.herald.tools.Audit;
import org.herald.tools.HeraldClient;
import org.herald.tools.SimulatorClient;

/**
 * {@code ./herald bench}: runs campaigns of N synthetic recipients through the whole stack and
 * prints what it measured. A warm-up campaign runs first, then the same audience once with every
 * guarantee (exactly-once) and once in the at-least-once baseline mode, so the cost of the
 * guarantees is a ratio measured side by side on the same machine, in the same run.
 *
 * <p>Options: {@code --herald URL --simulator URL --recipients N --out DIR --server-pid P
 * --db-pid P --simulator-pid P --db-ceiling X} (PostgreSQL's two-phase commits per second,
 * measured by the launcher with pgbench).
 */
public final class Bench {

    private static final int IMPORT_CHUNK = 50_000;

    private final Map<String, String> options;
    private final HeraldClient herald;
    private final SimulatorClient simulator;
    private final int recipients;
    private final List<Chart.Series> series = new ArrayList<>();

    private Bench(Map<String, String> options) {
        this.options = options;
        this.herald = HeraldClient.fromEnvironment(options.get("herald"));
        this.simulator = new SimulatorClient(options.get("simulator"));
        this.recipients = Integer.parseInt(options.getOrDefault("recipients", "10000"));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int index = 0; index + 1 < args.length; index += 2) {
            options.put(args[index].replaceFirst("^--", ""), args[index + 1]);
        }
        System.exit(new Bench(options).run() ? 0 : 1);
    }

    private boolean run() throws Exception {
        Path out = Path.of(options.getOrDefault("out", "target/bench"));
        Files.createDirectories(out);
        ProcessMemory server = new ProcessMemory(pid("server-pid"), false);
        ProcessMemory database = new ProcessMemory(pid("db-pid"), true);
        ProcessMemory sim = new ProcessMemory(pid("simulator-pid"), false);

        int warmUp = Math.max(500, Math.min(5_000, recipients / 5));
        say("importing %,d + %,d (warm-up) synthetic employees", recipients, warmUp);
        Population warm = Population.create("warmup", warmUp, 0);
        importAll(warm);
        Population population = Population.create("bench", recipients, warmUp);
        double importPerSecond = importAll(population);
        say("import: %,.0f rows/s", importPerSecond);

        simulator.configureWebhooks("{\"enabled\":false}");
        say("warm-up campaign of %,d recipients (the JIT and pools settle; not measured)", warmUp);
        runCampaign("warm-up", warm, "EXACTLY_ONCE");
        RunFigures exactlyOnce = runCampaign("exactly-once", population, "EXACTLY_ONCE");
        RunFigures baseline = runCampaign("at-least-once baseline", population, "AT_LEAST_ONCE");

        Figures figures = new Figures(recipients, importPerSecond, exactlyOnce, baseline,
                server.peakMib(), database.peakMib(), sim.peakMib(), heapAfterMib(),
                Double.parseDouble(options.getOrDefault("db-ceiling", "0")));
        figures.write(out, Chart.svg("Messages per second at the provider, " + recipients
                + " recipients, from the scheduled time", series));
        System.out.print(figures.table());
        System.out.println(figures.summaryLine());
        server.close();
        database.close();
        sim.close();
        return exactlyOnce.duplicates() == 0 && exactlyOnce.lost() == 0;
    }

    private double importAll(Population population) {
        long started = System.nanoTime();
        for (String chunk : population.csvChunks(IMPORT_CHUNK)) {
            JsonObject report = herald.importEmployees(chunk);
            if (!report.getJsonArray("rejected").isEmpty()) {
                throw new IllegalStateException("synthetic rows rejected: " + report);
            }
        }
        return population.size() / seconds(started);
    }

    private RunFigures runCampaign(String mode, Population population, String guarantee)
            throws InterruptedException {
        OffsetDateTime scheduled = OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(3);
        long campaignId = herald.createCampaign(population.campaignJson(scheduled, guarantee));
        JsonObject campaign = herald.awaitFinished(campaignId, 3_600_000);
        if (!campaign.getBoolean("finished")) {
            throw new IllegalStateException(mode + " campaign did not finish: " + campaign);
        }
        long scheduledMillis = scheduled.toInstant().toEpochMilli();
        List<Long> arrivals = new ArrayList<>(population.size());
        Map<String, Integer> perRecipient = new HashMap<>();
        simulator.forEachMessage(campaignId, message -> {
            arrivals.add(message.getJsonNumber("acceptedAt").longValue());
            perRecipient.merge(message.getString("to"), 1, Integer::sum);
        });
        Audit audit = Audit.of(population.phones(), perRecipient);
        RunFigures figures = figures(mode, campaign, arrivals, scheduledMillis, audit);
        say("%s: %,d recipients, %,.0f enqueued/s, %,.0f delivered/s, p99 %,d ms, duplicates=%d"
                + " lost=%d", mode, figures.recipients(), figures.enqueuePerSecond(),
                figures.deliveredPerSecond(), figures.p99Millis(), audit.duplicates(),
                audit.lost());
        if (!"warm-up".equals(mode)) {
            series.add(new Chart.Series(mode + " (accepted at the provider)",
                    perSecond(arrivals, scheduledMillis)));
        }
        return figures;
    }

    private static int[] perSecond(List<Long> arrivals, long startMillis) {
        long last = arrivals.stream().mapToLong(Long::longValue).max().orElse(startMillis);
        int[] counts = new int[(int) ((last - startMillis) / 1000) + 2];
        for (long arrival : arrivals) {
            counts[(int) Math.max(0, (arrival - startMillis) / 1000)]++;
        }
        return counts;
    }

    private static RunFigures figures(String mode, JsonObject campaign, List<Long> arrivals,
            long scheduledMillis, Audit audit) {
        long[] latencies = RunFigures.sortedCopy(arrivals.stream()
                .mapToLong(arrival -> arrival - scheduledMillis).toArray());
        long first = arrivals.stream().mapToLong(Long::longValue).min().orElse(0);
        long last = arrivals.stream().mapToLong(Long::longValue).max().orElse(0);
        double deliverySeconds = Math.max(0.001, (last - first) / 1000.0);
        double enqueueSeconds = Math.max(0.001, millisBetween(campaign, "dispatchStartedAt",
                "dispatchedAt") / 1000.0);
        int count = campaign.getInt("recipients");
        return new RunFigures(mode, count, count / enqueueSeconds, arrivals.size()
                / deliverySeconds, (last - scheduledMillis) / 1000.0,
                RunFigures.percentile(latencies, 0.50), RunFigures.percentile(latencies, 0.95),
                RunFigures.percentile(latencies, 0.99), RunFigures.percentile(latencies, 1.0),
                audit.duplicates(), audit.lost());
    }

    private static long millisBetween(JsonObject campaign, String from, String to) {
        return Instant.from(OffsetDateTime.parse(campaign.getString(to))).toEpochMilli()
                - Instant.from(OffsetDateTime.parse(campaign.getString(from))).toEpochMilli();
    }

    /** The server's heap in use after a full collection, read with the JDK's jcmd. */
    private long heapAfterMib() throws IOException, InterruptedException {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        String pid = Long.toString(pid("server-pid"));
        new ProcessBuilder(jcmd, pid, "GC.run").redirectErrorStream(true).start().waitFor();
        Process info = new ProcessBuilder(jcmd, pid, "GC.heap_info").redirectErrorStream(true)
                .start();
        String output = new String(info.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8);
        info.waitFor();
        Matcher used = Pattern.compile("used (\\d+)K")
                .matcher(output);
        return used.find() ? Long.parseLong(used.group(1)) / 1024 : -1;
    }

    private long pid(String option) {
        return Long.parseLong(options.getOrDefault(option, "0"));
    }

    private static double seconds(long startedNanos) {
        return Math.max(0.001, (System.nanoTime() - startedNanos) / 1e9);
    }

    static void say(String format, Object... args) {
        System.out.println("bench: " + String.format(Locale.ROOT, format, args)
                .replace("bench: ", ""));
    }

    /** The synthetic employees of one run: one department, sequential unique phones. */
    record Population(String department, int size, int phoneOffset) {

        static Population create(String name, int size, int phoneOffset) {
            return new Population(name + "-" + System.currentTimeMillis(), size, phoneOffset);
        }

        Set<String> phones() {
            Set<String> phones = new LinkedHashSet<>();
            for (int index = 0; index < size; index++) {
                phones.add(phone(index));
            }
            return phones;
        }

        String phone(int index) {
            return "+4930" + (20_000_000 + phoneOffset + index);
        }

        List<String> csvChunks(int rowsPerChunk) {
            List<String> chunks = new ArrayList<>();
            for (int from = 0; from < size; from += rowsPerChunk) {
                StringBuilder csv =
                        new StringBuilder("employee_id,name,phone,department,opted_in\n");
                for (int index = from; index < Math.min(size, from + rowsPerChunk); index++) {
                    csv.append(department).append('-').append(index).append(",Bench ")
                            .append(index).append(',').append(phone(index)).append(',')
                            .append(department).append(",true\n");
                }
                chunks.add(csv.toString());
            }
            return chunks;
        }

        String campaignJson(OffsetDateTime scheduledAt, String guarantee) {
            JsonObjectBuilder json = Json.createObjectBuilder()
                    .add("name", department + " " + guarantee)
                    .add("template", "hr_announcement")
                    .add("language", "en_US")
                    .add("parameters", Json.createArrayBuilder().add("{{employee.name}}")
                            .add("benchmark"))
                    .add("audience", Json.createObjectBuilder().add("type", "DEPARTMENTS")
                            .add("departments", Json.createArrayBuilder().add(department)))
                    .add("scheduledAt", scheduledAt.toString())
                    .add("deliveryGuarantee", guarantee);
            return json.build().toString();
        }
    }
}
