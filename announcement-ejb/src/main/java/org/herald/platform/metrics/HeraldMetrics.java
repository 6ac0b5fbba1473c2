package org.herald.platform.metrics;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import org.herald.health.ProviderCircuitWatch;
import org.herald.platform.DuplicateCounters;

/**
 * Herald's metrics in the Prometheus text format, in a registry of its own (the Prometheus Java
 * client, bundled in the application): deliveries by state and the queue depth, counted in the
 * database at each scrape; the time of each provider call by outcome, observed by the Cloud API
 * client; the repeats each exactly-once guard stopped on this node; the provider circuit as the
 * gateway last saw it.
 */
@ApplicationScoped
public class HeraldMetrics {

    /** Upper bounds of the send-time buckets, in seconds; the provider's timeout is 10 s. */
    private static final double[] SEND_BUCKETS =
        {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    @EJB
    private DeliveryCounts deliveryCounts;

    @EJB
    private DuplicateCounters duplicates;

    @Inject
    private ProviderCircuitWatch circuit;

    private Histogram sendDuration;

    /** The counts of the scrape in progress; scrapes take turns (see writeTo). */
    private Map<String, Long> countsOfThisScrape = Map.of();

    @PostConstruct
    void init() {
        Histogram.Builder sendTimes = Histogram.builder()
                .name("herald_provider_send_duration_seconds")
                .help("Time of each HTTP call to the provider, by what its answer proves:"
                        + " accepted, not_sent, rejected or ambiguous")
                .labelNames("outcome")
                .classicUpperBounds(SEND_BUCKETS)
                .classicOnly();
        // No exemplars: there is no tracing to link them to, and none is looked for per call.
        sendTimes.withoutExemplars();
        sendDuration = sendTimes.register(registry);
        GaugeWithCallback.builder()
                .name("herald_deliveries")
                .help("Deliveries in the database by state, every campaign")
                .labelNames("state")
                .callback(callback -> countsOfThisScrape.forEach(
                        (state, count) -> callback.call(count, state)))
                .register(registry);
        GaugeWithCallback.builder()
                .name("herald_delivery_queue_depth")
                .help("Deliveries waiting to be sent (QUEUED in the database), including"
                        + " retries waiting for their delay")
                .callback(callback -> callback.call(countsOfThisScrape.getOrDefault("QUEUED", 0L)))
                .register(registry);
        CounterWithCallback.builder()
                .name("herald_duplicates_stopped")
                .help("Repeats stopped by each exactly-once guard on this node since it started")
                .labelNames("layer")
                .callback(callback -> duplicates.snapshot().forEach(
                        (layer, count) -> callback.call(count, layer)))
                .register(registry);
        GaugeWithCallback.builder()
                .name("herald_provider_circuit_open")
                .help("1 while the latest sends were refused by the open provider circuit")
                .callback(callback -> callback.call(circuit.view().open() ? 1 : 0))
                .register(registry);
    }

    /**
     * Builds the registry when the application starts. Lazily, the first provider call would
     * pay for it between the provider's answer and the recording of that answer, which is the
     * window a fast status webhook can overtake.
     */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        sendDuration.labelValues("accepted");
    }

    /** Records one provider call: its outcome class and how long it took. */
    public void observeSend(String outcome, long nanos) {
        sendDuration.labelValues(outcome).observe(nanos / 1e9);
    }

    public String contentType() {
        return writer.getContentType();
    }

    /** Writes every metric; the delivery counts are read from the database once per scrape. */
    public synchronized void writeTo(OutputStream out) throws IOException {
        countsOfThisScrape = deliveryCounts.byState();
        writer.write(out, registry.scrape());
    }
}
