package io.firebreak.alerting;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads an HTTP {@code Retry-After} header (RFC 9110 section 10.2.3): either delay-seconds
 * ({@code 120}) or an HTTP-date ({@code Wed, 21 Oct 2015 07:28:00 GMT}).
 */
public final class RetryAfter {

    /** Longer than any sane wait; keeps absurd delay-seconds from overflowing. */
    private static final long MAX_SECONDS = Duration.ofDays(1).toSeconds();

    private RetryAfter() {
    }

    /**
     * The wait the header asks for, measured from {@code now}; zero for a date in the past, empty when
     * the header is missing or unreadable (then the caller's own backoff applies).
     */
    public static Optional<Duration> parse(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.trim();
        if (value.chars().allMatch(Character::isDigit)) {
            long seconds = value.length() > 9 ? MAX_SECONDS : Math.min(Long.parseLong(value), MAX_SECONDS);
            return Optional.of(Duration.ofSeconds(seconds));
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(now, at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
