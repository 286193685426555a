package io.firebreak.alerting;

import java.time.Duration;
import java.util.Optional;

/**
 * How quickly a failed POST is tried again: seconds, not hours (contract section 5). The wait after
 * failed attempt {@code n} is {@code firstBackoff * 2^(n-1)} capped at {@code maxBackoff}, so the
 * defaults try at about 0, 0.5, 1.5, 3.5, 7.5 and 15.5 s; a {@code Retry-After} answer stretches the
 * wait up to {@code retryAfterCap}.
 *
 * @param maxAttempts    attempts in all, the first included
 * @param firstBackoff   wait after the first failed attempt
 * @param maxBackoff     longest wait the doubling reaches
 * @param retryAfterCap  longest wait a receiver's {@code Retry-After} can impose
 * @param attemptTimeout how long one attempt may take, connecting included
 */
public record RetryPolicy(int maxAttempts, Duration firstBackoff, Duration maxBackoff, Duration retryAfterCap,
                          Duration attemptTimeout) {

    public static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    public static final Duration RETRY_AFTER_CAP = Duration.ofSeconds(30);

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts: must be >= 1, was " + maxAttempts);
        }
        requirePositive(firstBackoff, "firstBackoff");
        requirePositive(maxBackoff, "maxBackoff");
        requirePositive(retryAfterCap, "retryAfterCap");
        requirePositive(attemptTimeout, "attemptTimeout");
    }

    /** 6 attempts, 0.5 s doubling to 8 s, {@code Retry-After} honoured up to 30 s, 5 s per attempt. */
    public static RetryPolicy defaults() {
        return of(6, Duration.ofSeconds(8), Duration.ofSeconds(5));
    }

    /** A policy with the standard first backoff (0.5 s, or {@code maxBackoff} if shorter) and {@code Retry-After} cap. */
    public static RetryPolicy of(int maxAttempts, Duration maxBackoff, Duration attemptTimeout) {
        Duration first = FIRST_BACKOFF.compareTo(maxBackoff) <= 0 ? FIRST_BACKOFF : maxBackoff;
        return new RetryPolicy(maxAttempts, first, maxBackoff, RETRY_AFTER_CAP, attemptTimeout);
    }

    /** The wait before the next attempt once attempt {@code failedAttempt} (1-based) has failed. */
    public Duration delayAfter(int failedAttempt, Optional<Duration> retryAfter) {
        int doublings = Math.min(Math.max(failedAttempt - 1, 0), 30);
        Duration backoff = firstBackoff.multipliedBy(1L << doublings);
        if (backoff.compareTo(maxBackoff) > 0) {
            backoff = maxBackoff;
        }
        if (retryAfter.isEmpty()) {
            return backoff;
        }
        Duration asked = retryAfter.get().compareTo(retryAfterCap) > 0 ? retryAfterCap : retryAfter.get();
        return asked.compareTo(backoff) > 0 ? asked : backoff;
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + ": must be a positive duration, was " + value);
        }
    }
}
