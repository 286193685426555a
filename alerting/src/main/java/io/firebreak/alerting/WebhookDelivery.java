package io.firebreak.alerting;

import io.firebreak.telemetry.decision.DeliveryAttempt;
import io.firebreak.telemetry.decision.DrainDecision;
import io.firebreak.telemetry.inventory.DrainTarget;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one drain decision to one target until it answers 2xx or a person takes the delivery over: signs
 * every attempt afresh (new {@code webhook-timestamp}) while the body and {@code webhook-id} stay the same,
 * so the receiver can drop repeats.
 */
public final class WebhookDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDelivery.class);

    private final RetryingPost post;
    private final Clock clock;
    private final boolean dryRun;
    private final Counters counters;
    private final AuditLog audit;

    public WebhookDelivery(RetryingPost post, Clock clock, boolean dryRun, Counters counters) {
        this(post, clock, dryRun, counters, AuditLog.NONE);
    }

    /** As above, recording every attempt (and every dry run) in {@code audit}. */
    public WebhookDelivery(RetryingPost post, Clock clock, boolean dryRun, Counters counters, AuditLog audit) {
        this.post = post;
        this.clock = clock;
        this.dryRun = dryRun;
        this.counters = counters;
        this.audit = audit;
    }

    /**
     * Sends {@code body} (from {@link DrainWebhook#body}) for {@code decision} to {@code target} until the target
     * answers 2xx, a stop, or {@code until} says a person took it over; {@code until} hears of every spent
     * retry budget (to page). The retry budget never drops a decision.
     */
    public PostOutcome deliver(DrainDecision decision, DrainTarget target, String body, RetryingPost.Until until) {
        WebhookSigner signer = new WebhookSigner(target.signingSecrets());
        String webhookId = DrainWebhook.webhookId(decision, target);
        String what = "kind=webhook type=" + decision.type() + " decision=" + decision.id() + " target=" + target.id()
                + " webhook_id=" + webhookId;
        if (dryRun) {
            long timestamp = clock.instant().getEpochSecond();
            signer.sign(webhookId, timestamp, body);
            audit.record(attempt(decision, target, webhookId, 0, 0, "dry_run", 0, clock.millis()));
            LOG.info("event=webhook_dry_run {} webhook_timestamp={} bytes={}", what, timestamp, body.length());
            return PostOutcome.dryRun();
        }
        PostOutcome outcome = post.postUntilAccepted(what, attempt -> request(target, webhookId, body, signer),
                (attempt, status, error, latencyMs, at) -> {
                    counters.attempt(DeliveryAttempt.WEBHOOK, target.id(), status, error);
                    audit.record(attempt(decision, target, webhookId, attempt, status, error, latencyMs, at));
                }, new RetryingPost.Until() {
                    @Override
                    public boolean takenOver() {
                        return until.takenOver();
                    }

                    @Override
                    public void budgetSpent(PostOutcome spent, int times) {
                        counters.failed.incrementAndGet();
                        LOG.error("event=webhook_failing {} outcome={} attempts={} budgets_spent={} answer=\"{}\"",
                                what, spent.status(), spent.attempts(), times, spent.lastAnswer());
                        until.budgetSpent(spent, times);
                    }
                });
        switch (outcome.status()) {
            case ACCEPTED -> {
                counters.delivered.incrementAndGet();
                LOG.info("event=webhook_delivered {} attempts={}", what, outcome.attempts());
            }
            case TAKEN_OVER -> LOG.warn("event=webhook_taken_over {} attempts={}", what, outcome.attempts());
            default -> LOG.info("event=webhook_stopped {} attempts={}", what, outcome.attempts());
        }
        return outcome;
    }

    private HttpRequest request(DrainTarget target, String webhookId, String body, WebhookSigner signer) {
        long timestamp = clock.instant().getEpochSecond();
        return HttpRequest.newBuilder(target.url())
                .timeout(post.policy().attemptTimeout())
                .header("content-type", "application/json")
                .header("webhook-id", webhookId)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", signer.sign(webhookId, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
    }

    private static DeliveryAttempt attempt(DrainDecision decision, DrainTarget target, String webhookId, int attempt,
                                           int status, String error, long latencyMs, long at) {
        return new DeliveryAttempt(decision.id(), DeliveryAttempt.WEBHOOK, decision.site(), decision.room(), target.id(),
                webhookId, attempt, status, error, latencyMs, at);
    }
}
