package io.firebreak.alerting;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs one request until a 2xx answer, a non-retryable client error, the end of the
 * {@link RetryPolicy} or a stop. Any 2xx accepts; 4xx other than 408 and 429 is final; everything else
 * (5xx, 408, 429, 3xx, timeouts, refused connections) is retried, honouring {@code Retry-After}.
 * Shared by drain webhooks and pages; logs one line per failed attempt and never a header value.
 */
public final class RetryingPost {

    private static final Logger LOG = LoggerFactory.getLogger(RetryingPost.class);

    private final HttpClient http;
    private final RetryPolicy policy;
    private final StopSignal stop;
    private final Clock clock;

    public RetryingPost(HttpClient http, RetryPolicy policy, StopSignal stop, Clock clock) {
        this.http = http;
        this.policy = policy;
        this.stop = stop;
        this.clock = clock;
    }

    /** An HTTP/1.1 client that never follows redirects, connecting within {@code connectTimeout}. */
    public static HttpClient httpClient(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .build();
    }

    public RetryPolicy policy() {
        return policy;
    }

    /** True for answers worth another attempt. */
    public static boolean retryable(int status) {
        return status < 400 || status >= 500 || status == 408 || status == 429;
    }

    /**
     * Sends {@code request.apply(attempt)} (attempt 1-based; built per attempt so it can carry a fresh
     * timestamp and signature) until it ends.
     *
     * @param what key=value context for the logs, e.g. {@code kind=webhook target=kakao-traffic}
     */
    public PostOutcome post(String what, IntFunction<HttpRequest> request) {
        return post(what, request, AttemptObserver.NONE);
    }

    /** As {@link #post(String, IntFunction)}, telling {@code observer} about every attempt and its answer. */
    public PostOutcome post(String what, IntFunction<HttpRequest> request, AttemptObserver observer) {
        String last = "none";
        for (int attempt = 1; ; attempt++) {
            if (stop.stopped()) {
                return new PostOutcome(PostOutcome.Status.STOPPED, attempt - 1, last);
            }
            Optional<Duration> retryAfter = Optional.empty();
            long started = System.nanoTime();
            long startedAt = clock.millis();
            try {
                HttpResponse<Void> response = http.send(request.apply(attempt), HttpResponse.BodyHandlers.discarding());
                int status = response.statusCode();
                observer.attempted(attempt, status, null, elapsedMillis(started), startedAt);
                if (status >= 200 && status < 300) {
                    return new PostOutcome(PostOutcome.Status.ACCEPTED, attempt, "status " + status);
                }
                last = "status " + status;
                if (!retryable(status)) {
                    return new PostOutcome(PostOutcome.Status.REJECTED, attempt, last);
                }
                retryAfter = response.headers().firstValue("retry-after").flatMap(v -> RetryAfter.parse(v, clock.instant()));
            } catch (IOException e) {
                // the class says enough (ConnectException, HttpTimeoutException) and carries no URL or header
                last = e.getClass().getSimpleName();
                observer.attempted(attempt, 0, last, elapsedMillis(started), startedAt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                observer.attempted(attempt, 0, "interrupted", elapsedMillis(started), startedAt);
                return new PostOutcome(PostOutcome.Status.STOPPED, attempt, last);
            }
            if (attempt >= policy.maxAttempts()) {
                return new PostOutcome(PostOutcome.Status.EXHAUSTED, attempt, last);
            }
            Duration delay = policy.delayAfter(attempt, retryAfter);
            LOG.info("event=post_retry {} attempt={} answer=\"{}\" retry_after_header={} retry_in_ms={}",
                    what, attempt, last, retryAfter.isPresent(), delay.toMillis());
            if (!stop.pause(delay)) {
                return new PostOutcome(PostOutcome.Status.STOPPED, attempt, last);
            }
        }
    }

    private static long elapsedMillis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    /** Hears of every attempt: its number, HTTP status (0 when none), error kind (null on an answer), latency and start. */
    @FunctionalInterface
    public interface AttemptObserver {
        AttemptObserver NONE = (attempt, status, error, latencyMs, at) -> { };

        void attempted(int attempt, int status, String error, long latencyMs, long at);
    }
}
