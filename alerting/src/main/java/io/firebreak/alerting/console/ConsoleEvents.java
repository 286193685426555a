package io.firebreak.alerting.console;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * {@code GET /console/events}: server-sent events ({@code text/event-stream}), one {@code state} event with
 * the whole {@link ConsoleState} at once, then again whenever {@link Changes} moves and at least every
 * {@code every}. A stream ends after {@code lifetime} (the page reconnects and is authenticated again), and
 * at most {@code maxStreams} are open at once, since each holds one of the endpoint's threads.
 */
final class ConsoleEvents {

    private final Changes changes;
    private final Duration every;
    private final Duration lifetime;
    private final Semaphore streams;
    private final BooleanSupplier closed;

    ConsoleEvents(Changes changes, Duration every, Duration lifetime, int maxStreams, BooleanSupplier closed) {
        this.changes = changes;
        this.every = every;
        this.lifetime = lifetime;
        this.streams = new Semaphore(maxStreams);
        this.closed = closed;
    }

    /** Streams {@code state} to an admitted request; answers 503 when too many streams are open. */
    void stream(HttpExchange exchange, Supplier<byte[]> state) throws IOException {
        if (!streams.tryAcquire()) {
            Console.answer(exchange, 503, "application/json", "{\"error\":\"too many open console streams\"}"
                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
        try (exchange) {
            exchange.getResponseHeaders().set("content-type", "text/event-stream; charset=utf-8");
            exchange.getResponseHeaders().set("cache-control", "no-store");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            long end = System.nanoTime() + lifetime.toNanos();
            long seen = changes.version();
            out.write("retry: 2000\n\n".getBytes(StandardCharsets.UTF_8));
            while (!closed.getAsBoolean() && System.nanoTime() < end) {
                out.write("event: state\ndata: ".getBytes(StandardCharsets.UTF_8));
                out.write(state.get());
                out.write("\n\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                seen = changes.awaitAfter(seen, every);
            }
        } catch (IOException e) {
            // the page went away: nothing to answer
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            streams.release();
        }
    }
}
