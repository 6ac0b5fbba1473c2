package org.herald.simulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The simulated WhatsApp Cloud API: an HTTP server on the loopback interface serving the Cloud
 * API paths and the {@code /_sim} control API.
 *
 * <pre>{@code
 * try (ProviderSimulator simulator = ProviderSimulator.start(config)) {
 *     URI messages = simulator.baseUri().resolve("/v21.0/1000000001/messages");
 * }
 * }</pre>
 */
public final class ProviderSimulator implements AutoCloseable {

    private static final Logger LOG = System.getLogger(ProviderSimulator.class.getName());
    private static final int REQUEST_THREADS = 32;
    private static final int WEBHOOK_THREADS = 16;
    private static final int BACKLOG = 1024;
    private static final String NO_DELAY = "sun.net.httpserver.nodelay";

    static {
        // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's
        // delayed ACK, and each keep-alive request stalls for ~40 ms. Read once by the JDK.
        if (System.getProperty(NO_DELAY) == null) {
            System.setProperty(NO_DELAY, "true");
        }
    }

    private final SimulatorConfig config;
    private final MessageLedger ledger;
    private final FaultBook faults;
    private final Set<String> notOnWhatsApp = ConcurrentHashMap.newKeySet();
    private final WebhookDispatcher webhooks;
    private final ThreadPoolExecutor requestWorkers;
    private final ThreadPoolExecutor webhookSenders;
    private final ScheduledThreadPoolExecutor scheduler;
    private final HttpServer server;

    private ProviderSimulator(SimulatorConfig config) throws IOException {
        this.config = config;
        LongSupplier clock = System::currentTimeMillis;
        this.ledger = new MessageLedger(clock);
        this.faults = new FaultBook(clock);
        this.requestWorkers = fixedPool("sim-http", REQUEST_THREADS);
        this.webhookSenders = fixedPool("sim-webhook", WEBHOOK_THREADS);
        this.scheduler = new ScheduledThreadPoolExecutor(2, daemonThreads("sim-timer"));
        this.webhooks = new WebhookDispatcher(new StatusWebhook(config),
                WebhookSettings.defaults(config.webhookUrl()), scheduler, webhookSenders);
        ledger.limitThroughput(config.rateLimit());

        InetSocketAddress address =
                new InetSocketAddress(InetAddress.getByName("127.0.0.1"), config.port());
        this.server = HttpServer.create(address, BACKLOG);
        server.setExecutor(requestWorkers);
        server.createContext("/", new CloudApiHandler(config, TemplateCatalog.seeded(), ledger,
                faults, notOnWhatsApp, webhooks, this::later));
        server.createContext(ControlHandler.PREFIX, new ControlHandler(ledger, faults,
                notOnWhatsApp, webhooks, this::reset));
    }

    /** Binds the port and starts serving. */
    public static ProviderSimulator start(SimulatorConfig config) throws IOException {
        ProviderSimulator simulator = new ProviderSimulator(config);
        simulator.server.start();
        LOG.log(Level.DEBUG, "provider simulator serving on port {0}", simulator.port());
        return simulator;
    }

    /** The bound port; differs from the configured one when that was 0. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:<port>/}. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port() + "/");
    }

    public SimulatorConfig config() {
        return config;
    }

    /**
     * Forgets all messages, counters, faults and not-on-WhatsApp numbers, drops webhooks not yet
     * sent, and restores the rate limit and webhook settings given at start.
     */
    public void reset() {
        faults.clear();
        notOnWhatsApp.clear();
        webhooks.reset(WebhookSettings.defaults(config.webhookUrl()));
        ledger.limitThroughput(config.rateLimit());
        ledger.limitPairRate(0);
        ledger.clear();
    }

    @Override
    public void close() {
        server.stop(0);
        scheduler.shutdownNow();
        webhookSenders.shutdownNow();
        requestWorkers.shutdownNow();
    }

    private void later(long delayMillis, Runnable task) {
        try {
            scheduler.schedule(() -> runOnWorker(task), delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.log(Level.DEBUG, "simulator stopping; dropped a delayed answer");
        }
    }

    private void runOnWorker(Runnable task) {
        try {
            requestWorkers.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.log(Level.DEBUG, "simulator stopping; dropped a delayed answer");
        }
    }

    private static ThreadPoolExecutor fixedPool(String name, int threads) {
        return new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemonThreads(name));
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger counter = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
