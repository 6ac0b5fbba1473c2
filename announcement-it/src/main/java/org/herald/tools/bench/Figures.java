package org.herald.tools.bench;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Everything one bench run measured, as a table, JSON, CSV and the summary line. */
record Figures(
        int recipients,
        double importPerSecond,
        RunFigures exactlyOnce,
        RunFigures baseline,
        long serverPeakMib,
        long databasePeakMib,
        long simulatorPeakMib,
        long serverHeapAfterMib,
        double databaseTwoPhaseCeiling) {

    /** Exactly-once time over baseline time: the cost of the guarantees. */
    double baselineRatio() {
        return baseline.seconds() <= 0 ? Double.NaN : exactlyOnce.seconds() / baseline.seconds();
    }

    String table() {
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "%n%-34s %16s %16s%n", "", "exactly-once",
                "baseline"));
        row(table, "recipients", exactlyOnce.recipients(), baseline.recipients());
        row(table, "enqueue rate (recipients/s)", exactlyOnce.enqueuePerSecond(),
                baseline.enqueuePerSecond());
        row(table, "delivery rate (messages/s)", exactlyOnce.deliveredPerSecond(),
                baseline.deliveredPerSecond());
        row(table, "scheduled to last message (s)", exactlyOnce.seconds(), baseline.seconds());
        row(table, "latency p50 (ms)", exactlyOnce.p50Millis(), baseline.p50Millis());
        row(table, "latency p95 (ms)", exactlyOnce.p95Millis(), baseline.p95Millis());
        row(table, "latency p99 (ms)", exactlyOnce.p99Millis(), baseline.p99Millis());
        row(table, "latency max (ms)", exactlyOnce.maxMillis(), baseline.maxMillis());
        row(table, "duplicates at the provider", exactlyOnce.duplicates(), baseline.duplicates());
        row(table, "lost", exactlyOnce.lost(), baseline.lost());
        table.append(String.format(Locale.ROOT, "%n%-34s %16.2f%n", "exactly-once / baseline time",
                baselineRatio()));
        table.append(String.format(Locale.ROOT, "%-34s %,16.0f%n", "import (rows/s)",
                importPerSecond));
        table.append(String.format(Locale.ROOT, "%-34s %,16.0f%n",
                "PostgreSQL 2PC commits/s (pgbench)", databaseTwoPhaseCeiling));
        table.append(String.format(Locale.ROOT, "%-34s %,13d MiB%n", "peak RSS server",
                serverPeakMib));
        table.append(String.format(Locale.ROOT, "%-34s %,13d MiB%n", "peak RSS database",
                databasePeakMib));
        table.append(String.format(Locale.ROOT, "%-34s %,13d MiB%n", "peak RSS simulator",
                simulatorPeakMib));
        table.append(String.format(Locale.ROOT, "%-34s %,13d MiB%n%n",
                "server heap used after the run", serverHeapAfterMib));
        return table.toString();
    }

    String summaryLine() {
        return String.format(Locale.ROOT, "bench: recipients=%d delivered_per_s=%.0f"
                        + " enqueue_per_s=%.0f baseline_ratio=%.2f p99_ms=%d server_rss_mb=%d"
                        + " import_per_s=%.0f duplicates=%d lost=%d",
                recipients, exactlyOnce.deliveredPerSecond(), exactlyOnce.enqueuePerSecond(),
                baselineRatio(), exactlyOnce.p99Millis(), serverPeakMib, importPerSecond,
                exactlyOnce.duplicates(), exactlyOnce.lost());
    }

    void write(Path directory, String svg) throws IOException {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("recipients", recipients)
                .add("importPerSecond", importPerSecond)
                .add("exactlyOnce", run(exactlyOnce))
                .add("baseline", run(baseline))
                .add("baselineRatio", Double.isNaN(baselineRatio()) ? -1 : baselineRatio())
                .add("serverPeakRssMib", serverPeakMib)
                .add("databasePeakRssMib", databasePeakMib)
                .add("simulatorPeakRssMib", simulatorPeakMib)
                .add("serverHeapAfterMib", serverHeapAfterMib)
                .add("postgresTwoPhaseCommitsPerSecond", databaseTwoPhaseCeiling);
        Files.writeString(directory.resolve("bench.json"), json.build().toString() + "\n",
                StandardCharsets.UTF_8);
        StringBuilder csv = new StringBuilder("mode,recipients,enqueue_per_s,delivered_per_s,"
                + "seconds,p50_ms,p95_ms,p99_ms,max_ms,duplicates,lost\n");
        for (RunFigures run : List.of(exactlyOnce, baseline)) {
            csv.append(String.format(Locale.ROOT, "%s,%d,%.1f,%.1f,%.2f,%d,%d,%d,%d,%d,%d%n",
                    run.mode(), run.recipients(), run.enqueuePerSecond(),
                    run.deliveredPerSecond(), run.seconds(), run.p50Millis(), run.p95Millis(),
                    run.p99Millis(), run.maxMillis(), run.duplicates(), run.lost()));
        }
        Files.writeString(directory.resolve("bench.csv"), csv, StandardCharsets.UTF_8);
        Files.writeString(directory.resolve("bench.svg"), svg, StandardCharsets.UTF_8);
    }

    private static JsonObjectBuilder run(RunFigures run) {
        return Json.createObjectBuilder()
                .add("recipients", run.recipients())
                .add("enqueuePerSecond", run.enqueuePerSecond())
                .add("deliveredPerSecond", run.deliveredPerSecond())
                .add("seconds", run.seconds())
                .add("p50Millis", run.p50Millis())
                .add("p95Millis", run.p95Millis())
                .add("p99Millis", run.p99Millis())
                .add("maxMillis", run.maxMillis())
                .add("duplicates", run.duplicates())
                .add("lost", run.lost());
    }

    private static void row(StringBuilder table, String name, double left, double right) {
        table.append(String.format(Locale.ROOT, "%-34s %,16.0f %,16.0f%n", name, left, right));
    }
}
