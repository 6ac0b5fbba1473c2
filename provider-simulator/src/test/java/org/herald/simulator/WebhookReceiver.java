package org.herald.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/** A tiny webhook endpoint standing in for Herald; records every post it gets. */
final class WebhookReceiver implements AutoCloseable {

    /** One post as received: the raw body and its signature header. */
    record Post(byte[] body, String signature) {

        JsonObject json() {
            return SimulatorHarness.json(new String(body, StandardCharsets.UTF_8));
        }

        JsonObject status() {
            return json().getJsonArray("entry").getJsonObject(0).getJsonArray("changes")
                    .getJsonObject(0).getJsonObject("value").getJsonArray("statuses")
                    .getJsonObject(0);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final List<Post> posts = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Integer> scriptedAnswers = new ConcurrentLinkedQueue<>();

    WebhookReceiver() throws IOException {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0);
        server = HttpServer.create(address, 64);
        server.setExecutor(executor);
        server.createContext("/herald/api/webhooks/whatsapp", this::receive);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort()
                + "/herald/api/webhooks/whatsapp";
    }

    /** The next posts are answered with these statuses, then 200 again. */
    void answerNext(Integer... statuses) {
        scriptedAnswers.addAll(List.of(statuses));
    }

    List<Post> posts() {
        return new ArrayList<>(posts);
    }

    /** Polls until at least {@code count} posts match, or fails after the deadline. */
    List<Post> await(int count, Predicate<Post> filter) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            List<Post> matching = posts.stream().filter(filter).toList();
            if (matching.size() >= count) {
                return matching;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + count + " webhooks, got " + matching.size()
                        + " of " + posts.size());
            }
            Thread.sleep(10);
        }
    }

    List<Post> await(int count) throws InterruptedException {
        return await(count, post -> true);
    }

    private void receive(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Integer scripted = scriptedAnswers.poll();
        int status = scripted == null ? 200 : scripted;
        if (status / 100 == 2) {
            posts.add(new Post(body, exchange.getRequestHeaders().getFirst("X-Hub-Signature-256")));
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
