package io.firebreak.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.telemetry.decision.RiskLevel;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pager client against a real local Events-v2 stand-in. */
class PagerClientIT {

    private final RecordingReceiver receiver = new RecordingReceiver();
    private final Counters counters = new Counters();
    private final PagerClient pager = new PagerClient(receiver.base().resolve("/pager"),
            new RetryingPost(RetryingPost.httpClient(Duration.ofSeconds(2)),
                    RetryPolicy.of(4, Duration.ofMillis(50), Duration.ofSeconds(2)), new StopSignal(), Clock.systemUTC()),
            false, counters);
    private final PagerEvent event = new PagerRouter(Fixtures.pangyo(), Clock.systemUTC())
            .eventsFor(Fixtures.alert("alr-p", "B2-battery", RiskLevel.CRITICAL, RiskLevel.WARNING)).get(0);

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void shouldRetryWhenThePagerAnswers503ThenThrottles() {
        // Given the pager is unavailable, then throttles, then accepts
        receiver.script("/pager", RecordingReceiver.Answer.of(503), RecordingReceiver.Answer.of(429));

        // When
        PostOutcome outcome = pager.send(event);

        // Then
        assertThat(outcome.accepted()).isTrue();
        assertThat(outcome.attempts()).isEqualTo(3);
        assertThat(receiver.at("/pager")).hasSize(3);
        assertThat(counters.snapshot().paged()).isEqualTo(1);
    }

    @Test
    void shouldGiveUpAtOnceWhenThePagerSaysTheEventIsInvalid() {
        // Given the pager answers 400
        receiver.script("/pager", RecordingReceiver.Answer.of(400));

        // When
        PostOutcome outcome = pager.send(event);

        // Then
        assertThat(outcome.status()).isEqualTo(PostOutcome.Status.REJECTED);
        assertThat(receiver.at("/pager")).hasSize(1);
        assertThat(counters.snapshot().pageFailures()).isEqualTo(1);
    }
}
