package io.firebreak.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2015-10-21T07:27:30Z");

    @Test
    void shouldReadDelaySecondsWhenTheHeaderIsANumber() {
        assertThat(RetryAfter.parse("1", NOW)).contains(Duration.ofSeconds(1));
        assertThat(RetryAfter.parse(" 120 ", NOW)).contains(Duration.ofSeconds(120));
    }

    @Test
    void shouldMeasureFromNowWhenTheHeaderIsAnHttpDate() {
        assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:28:00 GMT", NOW)).contains(Duration.ofSeconds(30));
    }

    @Test
    void shouldWaitNothingWhenTheHttpDateHasPassed() {
        assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:00:00 GMT", NOW)).contains(Duration.ZERO);
    }

    @Test
    void shouldIgnoreTheHeaderWhenItIsMissingOrUnreadable() {
        assertThat(RetryAfter.parse(null, NOW)).isEmpty();
        assertThat(RetryAfter.parse("soon", NOW)).isEmpty();
        assertThat(RetryAfter.parse("-5", NOW)).isEmpty();
    }

    @Test
    void shouldDoubleFromHalfASecondUpToTheMaximumWhenNoRetryAfterIsGiven() {
        // Given the default policy
        RetryPolicy policy = RetryPolicy.defaults();

        // Then the waits after attempts 1..6 are 0.5, 1, 2, 4, 8, 8 s
        assertThat(policy.maxAttempts()).isEqualTo(6);
        assertThat(policy.delayAfter(1, Optional.empty())).isEqualTo(Duration.ofMillis(500));
        assertThat(policy.delayAfter(2, Optional.empty())).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.delayAfter(3, Optional.empty())).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.delayAfter(4, Optional.empty())).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.delayAfter(5, Optional.empty())).isEqualTo(Duration.ofSeconds(8));
        assertThat(policy.delayAfter(6, Optional.empty())).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void shouldHonourRetryAfterUpToThirtySecondsWhenTheReceiverAsks() {
        RetryPolicy policy = RetryPolicy.of(4, Duration.ofMillis(100), Duration.ofSeconds(1));

        assertThat(policy.delayAfter(1, Optional.of(Duration.ofSeconds(1)))).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.delayAfter(1, Optional.of(Duration.ofHours(1)))).isEqualTo(Duration.ofSeconds(30));
        // a Retry-After shorter than the backoff does not hurry the retry
        assertThat(RetryPolicy.defaults().delayAfter(4, Optional.of(Duration.ZERO))).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void shouldRetryServerErrorsTimeoutsAndThrottlingButNotOtherClientErrors() {
        assertThat(RetryingPost.retryable(500)).isTrue();
        assertThat(RetryingPost.retryable(503)).isTrue();
        assertThat(RetryingPost.retryable(408)).isTrue();
        assertThat(RetryingPost.retryable(429)).isTrue();
        assertThat(RetryingPost.retryable(400)).isFalse();
        assertThat(RetryingPost.retryable(410)).isFalse();
        assertThat(RetryingPost.retryable(401)).isFalse();
    }
}
