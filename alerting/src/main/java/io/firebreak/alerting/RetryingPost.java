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
 * {@link RetryPolicy} or a stop ({@link #post}); or, for what must never be given up, until a 2xx answer or
 * a person takes it over, the policy deciding only when that person is told ({@link #postUntilAccepted}). Any 2xx accepts; 4xx other than 408 and 429 is final; everything else
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
        Answer last = null;
        for (int attempt = 1; ; attempt++) {
            if (stop.stopped()) {
                return new PostOutcome(PostOutcome.Status.STOPPED, attempt - 1, last == null ? "none" : last.text());
            }
            last = attempt(request.apply(attempt), attempt, observer);
            switch (last.kind()) {
                case ACCEPTED -> {
                    return new PostOutcome(PostOutcome.Status.ACCEPTED, attempt, last.text());
                }
                case FINAL -> {
                    return new PostOutcome(PostOutcome.Status.REJECTED, attempt, last.text());
                }
                case INTERRUPTED -> {
                    return new PostOutcome(PostOutcome.Status.STOPPED, attempt, last.text());
                }
                default -> { }
            }
            if (attempt >= policy.maxAttempts()) {
                return new PostOutcome(PostOutcome.Status.EXHAUSTED, attempt, last.text());
            }
            Duration delay = policy.delayAfter(attempt, last.retryAfter());
            LOG.info("event=post_retry {} attempt={} answer=\"{}\" retry_after_header={} retry_in_ms={}",
                    what, attempt, last.text(), last.retryAfter().isPresent(), delay.toMillis());
            if (!stop.pause(delay)) {
                return new PostOutcome(PostOutcome.Status.STOPPED, attempt, last.text());
            }
        }
    }

    /**
     * Sends {@code request.apply(attempt)} until a 2xx answer, a stop, or {@code until} says a person took
     * it over; it never gives up by itself. Each time {@link RetryPolicy#maxAttempts()} attempts in a row
     * have failed (or at once on an answer retrying cannot fix, such as 400 or 410) {@code until} hears that
     * the retry budget is spent, so a person can be paged and re-paged; the attempts go on with the capped
     * backoff. Returns ACCEPTED, STOPPED or TAKEN_OVER.
     */
    public PostOutcome postUntilAccepted(String what, IntFunction<HttpRequest> request, AttemptObserver observer,
                                         Until until) {
        Answer last = null;
        int sinceBudget = 0;
        int budgets = 0;
        for (int attempt = 1; ; attempt++) {
            String lastText = last == null ? "none" : last.text();
            if (stop.stopped()) {
                return new PostOutcome(PostOutcome.Status.STOPPED, attempt - 1, lastText);
            }
            if (until.takenOver()) {
                return new PostOutcome(PostOutcome.Status.TAKEN_OVER, attempt - 1, lastText);
            }
            last = attempt(request.apply(attempt), attempt, observer);
            if (last.kind() == Answer.Kind.ACCEPTED) {
                return new PostOutcome(PostOutcome.Status.ACCEPTED, attempt, last.text());
            }
            if (last.kind() == Answer.Kind.INTERRUPTED) {
                return new PostOutcome(PostOutcome.Status.STOPPED, attempt, last.text());
            }
            sinceBudget++;
            boolean hopeless = last.kind() == Answer.Kind.FINAL;
            if (sinceBudget >= policy.maxAttempts() || (hopeless && budgets == 0)) {
                sinceBudget = 0;
                budgets++;
                until.budgetSpent(new PostOutcome(hopeless ? PostOutcome.Status.REJECTED : PostOutcome.Status.EXHAUSTED,
                        attempt, last.text()), budgets);
            }
            // an answer retrying cannot fix waits the longest backoff: a person is on it, the receiver may be fixed
            Duration delay = hopeless ? policy.maxBackoff() : policy.delayAfter(attempt, last.retryAfter());
            LOG.info("event=post_retry {} attempt={} answer=\"{}\" retry_after_header={} retry_in_ms={}",
                    what, attempt, last.text(), last.retryAfter().isPresent(), delay.toMillis());
            if (!stop.pause(delay)) {
                return new PostOutcome(PostOutcome.Status.STOPPED, attempt, last.text());
            }
        }
    }

    /** One attempt: sends {@code request} and classifies the answer, telling {@code observer}. */
    private Answer attempt(HttpRequest request, int attempt, AttemptObserver observer) {
        long started = System.nanoTime();
        long startedAt = clock.millis();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            observer.attempted(attempt, status, null, elapsedMillis(started), startedAt);
            String text = "status " + status;
            if (status >= 200 && status < 300) {
                return new Answer(Answer.Kind.ACCEPTED, text, Optional.empty());
            }
            if (!retryable(status)) {
                return new Answer(Answer.Kind.FINAL, text, Optional.empty());
            }
            return new Answer(Answer.Kind.RETRY, text,
                    response.headers().firstValue("retry-after").flatMap(v -> RetryAfter.parse(v, clock.instant())));
        } catch (IOException e) {
            // the class says enough (ConnectException, HttpTimeoutException) and carries no URL or header
            String kind = e.getClass().getSimpleName();
            observer.attempted(attempt, 0, kind, elapsedMillis(started), startedAt);
            return new Answer(Answer.Kind.RETRY, kind, Optional.empty());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            observer.attempted(attempt, 0, "interrupted", elapsedMillis(started), startedAt);
            return new Answer(Answer.Kind.INTERRUPTED, "interrupted", Optional.empty());
        }
    }

    /** One attempt's answer: what it means for the next, its text for logs and pages, the receiver's Retry-After. */
    private record Answer(Kind kind, String text, Optional<Duration> retryAfter) {
        enum Kind { ACCEPTED, RETRY, FINAL, INTERRUPTED }
    }

    /** What a never-ending delivery asks of its owner: whether a person took it over, and who to tell when a budget is spent. */
    public interface Until {
        /** True once a person has taken the delivery over: no more attempts. */
        boolean takenOver();

        /** The {@code times}-th retry budget is spent ({@code outcome} says how); the attempts go on. */
        void budgetSpent(PostOutcome outcome, int times);
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
