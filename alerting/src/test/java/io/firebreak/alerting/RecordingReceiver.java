package io.firebreak.alerting;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on 127.0.0.1 that records every request and answers from a per-path script
 * (then 200, or 202 on {@code /pager}), standing in for traffic systems and the pager.
 */
final class RecordingReceiver implements AutoCloseable {

    /** One request as the receiver saw it; header names lower-cased. */
    record Received(String path, Map<String, String> headers, String body, long atNanos) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** One scripted answer. */
    record Answer(int status, Map<String, String> headers) {
        static Answer of(int status) {
            return new Answer(status, Map.of());
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Answer>> scripts = new ConcurrentHashMap<>();

    private final Map<String, Deque<Duration>> delays = new ConcurrentHashMap<>();

    RecordingReceiver() {
        this(0);
    }

    /** A receiver on a given port, e.g. one that was down and comes back where the targets expect it. */
    RecordingReceiver(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The next answers on {@code path}, in order; afterwards the default. */
    void script(String path, Answer... answers) {
        scripts.computeIfAbsent(path, p -> new ArrayDeque<>()).addAll(List.of(answers));
    }

    /** Forgets the answers still scripted for {@code path}: from now on it answers the default (a target back up). */
    void clearScript(String path) {
        Deque<Answer> script = scripts.get(path);
        if (script != null) {
            synchronized (this) {
                script.clear();
            }
        }
    }

    /** The next requests on {@code path} wait this long each before being answered, in order. */
    void delay(String path, Duration... waits) {
        delays.computeIfAbsent(path, p -> new ArrayDeque<>()).addAll(List.of(waits));
    }

    List<Received> at(String path) {
        List<Received> matching = new ArrayList<>();
        for (Received r : received) {
            if (r.path().equals(path)) {
                matching.add(r);
            }
        }
        return matching;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> headers = new ConcurrentHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
        String path = exchange.getRequestURI().getPath();
        received.add(new Received(path, headers, body, System.nanoTime()));
        Deque<Answer> script = scripts.get(path);
        Deque<Duration> waits = delays.get(path);
        Answer answer;
        Duration wait;
        synchronized (this) {
            answer = script == null || script.isEmpty() ? null : script.poll();
            wait = waits == null || waits.isEmpty() ? null : waits.poll();
        }
        if (wait != null) {
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (answer == null) {
            answer = Answer.of(path.equals("/pager") ? 202 : 200);
        }
        answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        try {
            exchange.sendResponseHeaders(answer.status(), -1);
        } catch (IOException e) {
            // the sender gave up waiting (a timeout): nothing to answer
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
