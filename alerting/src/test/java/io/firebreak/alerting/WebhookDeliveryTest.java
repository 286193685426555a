package io.firebreak.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.telemetry.decision.DrainDecision;
import io.firebreak.telemetry.inventory.DrainTarget;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookDeliveryTest {

    @Test
    void shouldSendNothingAndCountNothingWhenInDryRun() {
        // Given a dry-run delivery towards an address nobody listens on
        Counters counters = new Counters();
        RetryPolicy policy = RetryPolicy.of(1, Duration.ofMillis(10), Duration.ofMillis(200));
        WebhookDelivery delivery = new WebhookDelivery(
                new RetryingPost(RetryingPost.httpClient(Duration.ofMillis(200)), policy, new StopSignal(), Clock.systemUTC()),
                Clock.systemUTC(), true, counters);
        DrainTarget kakao = Fixtures.pangyo().drainTargets().get(0).withUrl(URI.create("http://127.0.0.1:9/drain"));
        DrainDecision decision = Fixtures.drainB3("drn_dry", List.of("kakao"));

        // When
        PostOutcome outcome = delivery.deliver(decision, kakao, DrainWebhook.body(decision, Instant.EPOCH), new RetryingPost.Until() {
            @Override
            public boolean takenOver() {
                return false;
            }

            @Override
            public void budgetSpent(PostOutcome spent, int times) {
            }
        });

        // Then
        assertThat(outcome.status()).isEqualTo(PostOutcome.Status.DRY_RUN);
        assertThat(outcome.failed()).isFalse();
        assertThat(counters.snapshot()).isEqualTo(new AlertingCounters(0, 0, 0, 0, 0, 0, 0));
    }
}
