package io.firebreak.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firebreak.telemetry.decision.DrainDecision;
import io.firebreak.telemetry.inventory.DrainTarget;
import io.firebreak.telemetry.inventory.Secret;
import io.firebreak.verifier.WebhookVerifier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Real drain webhooks from {@link WebhookDelivery}, checked by the {@code firebreak-webhook-verifier} a traffic
 * team runs: a target in a key rotation signs with both secrets, so a receiver holding either accepts, and a
 * retry is the same {@code webhook-id}, which the verifier reports as a duplicate.
 */
class WebhookRotationTest {

    private static final String NEXT = "whsec_RVhBTVBMRS1ORVhULWtha2FvLWtleQ==";

    private final RecordingReceiver receiver = new RecordingReceiver();

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void shouldBeAcceptedWithEitherKeyAndRepeatAsADuplicateWhenTheTargetRotatesItsSecret() throws Exception {
        // Given kakao's target rolling over to a next secret, answering 503 once and then 204
        DrainTarget current = Fixtures.pangyoAs("pangyo-a", receiver.base()).drainTargets().get(0);
        DrainTarget rotating = new DrainTarget(current.id(), current.url(), current.secret(), current.halls(), current.tenants(),
                new Secret(NEXT, "inline"));
        receiver.script(current.url().getPath(), RecordingReceiver.Answer.of(503));
        DrainDecision decision = Fixtures.drainB3("drn_rot", List.of("kakao"));

        // When the decision is delivered
        RetryPolicy policy = RetryPolicy.of(3, Duration.ofMillis(10), Duration.ofSeconds(2));
        PostOutcome outcome = new WebhookDelivery(new RetryingPost(RetryingPost.httpClient(Duration.ofSeconds(2)), policy,
                new StopSignal(), Clock.systemUTC()), Clock.systemUTC(), false, new Counters())
                .deliver(decision, rotating, DrainWebhook.body(decision, Instant.now()), new RetryingPost.Until() {
                    @Override
                    public boolean takenOver() {
                        return false;
                    }

                    @Override
                    public void budgetSpent(PostOutcome spent, int times) {
                    }
                });

        // Then both attempts carry two v1 signatures, either key verifies them, and the retry is a repeat
        assertThat(outcome.status()).isEqualTo(PostOutcome.Status.ACCEPTED);
        List<RecordingReceiver.Received> got = receiver.at(current.url().getPath());
        assertThat(got).hasSize(2);
        assertThat(got.get(0).header("webhook-signature").split(" ")).hasSize(2).allMatch(s -> s.startsWith("v1,"));
        WebhookVerifier oldKeyOnly = new WebhookVerifier(List.of(Fixtures.KAKAO_WHSEC));
        WebhookVerifier newKeyOnly = new WebhookVerifier(List.of(NEXT));
        for (WebhookVerifier verifier : List.of(oldKeyOnly, newKeyOnly)) {
            assertThat(verify(verifier, got.get(0))).isEqualTo(WebhookVerifier.Result.ACCEPTED);
            assertThat(verify(verifier, got.get(1))).isEqualTo(WebhookVerifier.Result.DUPLICATE);
        }
        // and a receiver with an unrelated key refuses it
        assertThatThrownBy(() -> verify(new WebhookVerifier(List.of(Fixtures.NAVER_WHSEC)), got.get(0)))
                .isInstanceOf(WebhookVerifier.WebhookVerificationException.class);
    }

    @Test
    void shouldSendOneSignatureWhenTheTargetHasOneSecret() throws Exception {
        String header = new WebhookSigner(Fixtures.pangyo().drainTargets().get(0).signingSecrets()).sign("msg_1", 1_779_443_200L, "{}");

        assertThat(header).doesNotContain(" ").startsWith("v1,");
    }

    private static WebhookVerifier.Result verify(WebhookVerifier verifier, RecordingReceiver.Received request) throws Exception {
        return verifier.verify(request.header("webhook-id"), request.header("webhook-timestamp"),
                request.header("webhook-signature"), request.body());
    }
}
