package org.herald.simulator;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Posts signed status webhooks for accepted messages, after the configured delays, retrying with
 * doubling back-off while the receiver answers non-2xx or cannot be reached. A reset starts a new
 * round: webhooks of earlier rounds that have not gone out yet are dropped.
 */
final class WebhookDispatcher {

    private static final Logger LOG = System.getLogger(WebhookDispatcher.class.getName());
    private static final long WARNING_INTERVAL_MILLIS = 5_000;
    private static final long MAX_RETRY_DELAY_MILLIS = 60_000;

    private final StatusWebhook webhooks;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService senders;
    private final HttpClient client;
    private final AtomicLong lastWarningAt = new AtomicLong();
    private volatile WebhookSettings settings;
    private volatile Round round = new Round();

    WebhookDispatcher(StatusWebhook webhooks, WebhookSettings settings,
            ScheduledExecutorService scheduler, ExecutorService senders) {
        this.webhooks = webhooks;
        this.settings = settings;
        this.scheduler = scheduler;
        this.senders = senders;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
    }

    WebhookSettings settings() {
        return settings;
    }

    void configure(WebhookSettings newSettings) {
        settings = newSettings;
    }

    /** Drops the webhooks not yet sent, zeroes the counters and restores {@code initial}. */
    void reset(WebhookSettings initial) {
        round = new Round();
        settings = initial;
    }

    WebhookStats stats() {
        Round current = round;
        return new WebhookStats(current.delivered.sum(), current.failedAttempts.sum(),
                current.abandoned.sum(), current.pending.get());
    }

    /**
     * Schedules the status webhooks of a newly accepted message. With {@code shuffle} each status
     * goes out at the time of its mirror image in the list, so the last status is posted first;
     * the timestamps inside still tell the true order.
     */
    void messageAccepted(AcceptedMessage message) {
        WebhookSettings current = settings;
        if (!current.active()) {
            return;
        }
        List<String> statuses = statusesFor(message, current);
        Round owner = round;
        int copies = current.duplicate() ? 2 : 1;
        for (int index = 0; index < statuses.size(); index++) {
            String status = statuses.get(index);
            String postedAtTimeOf = current.shuffle() ? statuses.get(statuses.size() - 1 - index)
                    : status;
            byte[] body = webhooks.body(message, status,
                    message.acceptedAt() + delayOf(status, current));
            Delivery delivery = new Delivery(owner, message.wamid(), status, body,
                    webhooks.signature(body));
            for (int copy = 0; copy < copies; copy++) {
                owner.pending.incrementAndGet();
                schedule(delivery, 1, delayOf(postedAtTimeOf, current));
            }
        }
    }

    private static List<String> statusesFor(AcceptedMessage message, WebhookSettings current) {
        if (message.undeliverable()) {
            return List.of("failed");
        }
        if (current.onlyRead()) {
            return List.of("read");
        }
        return current.readReceipts() ? List.of("sent", "delivered", "read")
                : List.of("sent", "delivered");
    }

    private static long delayOf(String status, WebhookSettings current) {
        return switch (status) {
            case "delivered" -> current.deliveredDelayMs();
            case "read" -> current.readDelayMs();
            default -> current.sentDelayMs();
        };
    }

    private void schedule(Delivery delivery, int attempt, long delayMillis) {
        try {
            scheduler.schedule(() -> hand(delivery, attempt), delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            delivery.round().pending.decrementAndGet();
        }
    }

    private void hand(Delivery delivery, int attempt) {
        try {
            senders.execute(() -> post(delivery, attempt));
        } catch (RejectedExecutionException e) {
            delivery.round().pending.decrementAndGet();
        }
    }

    private void post(Delivery delivery, int attempt) {
        Round owner = delivery.round();
        WebhookSettings current = settings;
        if (owner != round || !current.active()) {
            owner.pending.decrementAndGet();
            return;
        }
        if (send(delivery, current.url())) {
            owner.delivered.increment();
            owner.pending.decrementAndGet();
            return;
        }
        owner.failedAttempts.increment();
        if (attempt < current.maxAttempts()) {
            long backoff = Math.min(MAX_RETRY_DELAY_MILLIS,
                    current.retryDelayMs() << Math.min(attempt - 1, 20));
            schedule(delivery, attempt + 1, backoff);
            return;
        }
        owner.abandoned.increment();
        owner.pending.decrementAndGet();
        warnAbandoned(delivery, attempt, owner.abandoned.sum());
    }

    private boolean send(Delivery delivery, String url) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header(StatusWebhook.SIGNATURE_HEADER, delivery.signature())
                    .header("User-Agent", "facebookexternalua")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body()))
                    .build();
            HttpResponse<Void> response = client.send(request,
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() / 100 == 2;
        } catch (IOException | IllegalArgumentException e) {
            LOG.log(Level.DEBUG, "webhook {0} for {1} failed: {2}", delivery.status(),
                    delivery.wamid(), e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void warnAbandoned(Delivery delivery, int attempts, long abandonedSoFar) {
        long now = System.currentTimeMillis();
        long last = lastWarningAt.get();
        if (now - last >= WARNING_INTERVAL_MILLIS && lastWarningAt.compareAndSet(last, now)) {
            LOG.log(Level.WARNING, "SIM-W001 gave up the {0} webhook of {1} after {2} attempts;"
                    + " {3} webhooks abandoned since the last reset", delivery.status(),
                    delivery.wamid(), attempts, abandonedSoFar);
        }
    }

    private record Delivery(Round round, String wamid, String status, byte[] body,
            String signature) {
    }

    /** The counters of one period between resets. */
    private static final class Round {

        private final LongAdder delivered = new LongAdder();
        private final LongAdder failedAttempts = new LongAdder();
        private final LongAdder abandoned = new LongAdder();
        private final AtomicLong pending = new AtomicLong();
    }
}
