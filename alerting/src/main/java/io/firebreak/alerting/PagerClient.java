package io.firebreak.alerting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firebreak.telemetry.decision.DeliveryAttempt;
import io.firebreak.telemetry.kafka.Json;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends {@link PagerEvent}s to a PagerDuty Events API v2 endpoint (or anything that speaks it). Any
 * 2xx (PagerDuty answers 202) accepts; 429, 5xx and network errors are retried with backoff. {@link #send}
 * gives up after the retry budget (and at once on a 400, the event itself being wrong);
 * {@link #sendUntilAccepted} never gives up, which is what alerting's own pages use.
 */
public final class PagerClient {

    private static final Logger LOG = LoggerFactory.getLogger(PagerClient.class);

    private final URI url;
    private final RetryingPost post;
    private final boolean dryRun;
    private final Counters counters;
    private final AuditLog audit;

    public PagerClient(URI url, RetryingPost post, boolean dryRun, Counters counters) {
        this(url, post, dryRun, counters, AuditLog.NONE);
    }

    /** As above, recording every attempt (and every dry run) in {@code audit}. */
    public PagerClient(URI url, RetryingPost post, boolean dryRun, Counters counters, AuditLog audit) {
        this.url = url;
        this.post = post;
        this.dryRun = dryRun;
        this.counters = counters;
        this.audit = audit;
    }

    /** Sends {@code event} until it is accepted, rejected or out of attempts; audited under its payload's group and component. */
    public PostOutcome send(PagerEvent event) {
        PagerEvent.Payload p = event.payload();
        return send(event, p == null || p.group() == null ? "-" : p.group(), p == null || p.component() == null ? "-" : p.component());
    }

    /** Sends {@code event}, about {@code site}/{@code room}, until it is accepted, rejected or out of attempts. */
    public PostOutcome send(PagerEvent event, String site, String room) {
        return send(event, site, room, null);
    }

    /**
     * Sends {@code event} until the pager takes it or {@code until} says to stop: pages are never given up
     * ({@link RetryingPost#postUntilAccepted}); {@code until} hears of each spent retry budget.
     */
    public PostOutcome sendUntilAccepted(PagerEvent event, String site, String room, RetryingPost.Until until) {
        return send(event, site, room, until);
    }

    private PostOutcome send(PagerEvent event, String site, String room, RetryingPost.Until until) {
        String body = json(event);
        String what = "kind=page action=" + event.eventAction() + " recipient=" + event.recipient()
                + " dedup_key=" + event.dedupKey();
        if (dryRun) {
            audit.record(new DeliveryAttempt(event.dedupKey(), DeliveryAttempt.PAGE, site, room, event.recipient(),
                    event.eventAction(), 0, 0, "dry_run", 0, System.currentTimeMillis()));
            LOG.info("event=page_dry_run {} bytes={}", what, body.length());
            return PostOutcome.dryRun();
        }
        IntFunction<HttpRequest> request = attempt -> HttpRequest.newBuilder(url)
                .timeout(post.policy().attemptTimeout())
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        RetryingPost.AttemptObserver observer = (attempt, status, error, latencyMs, at) -> {
            counters.attempt(DeliveryAttempt.PAGE, event.recipient(), status, error);
            audit.record(new DeliveryAttempt(event.dedupKey(), DeliveryAttempt.PAGE, site, room, event.recipient(),
                    event.eventAction(), attempt, status, error, latencyMs, at));
        };
        PostOutcome outcome;
        if (until == null) {
            outcome = post.post(what, request, observer);
        } else {
            outcome = post.postUntilAccepted(what, request, observer, new RetryingPost.Until() {
                @Override
                public boolean takenOver() {
                    return until.takenOver();
                }

                @Override
                public void budgetSpent(PostOutcome spent, int times) {
                    counters.pageFailures.incrementAndGet();
                    LOG.error("event=page_failing {} outcome={} attempts={} budgets_spent={} answer=\"{}\"",
                            what, spent.status(), spent.attempts(), times, spent.lastAnswer());
                    until.budgetSpent(spent, times);
                }
            });
        }
        switch (outcome.status()) {
            case ACCEPTED -> {
                counters.paged.incrementAndGet();
                LOG.info("event=page_sent {} attempts={}", what, outcome.attempts());
            }
            case REJECTED, EXHAUSTED -> {
                counters.pageFailures.incrementAndGet();
                LOG.error("event=page_failed {} outcome={} attempts={} answer=\"{}\"",
                        what, outcome.status(), outcome.attempts(), outcome.lastAnswer());
            }
            default -> LOG.info("event=page_stopped {} outcome={} attempts={}", what, outcome.status(), outcome.attempts());
        }
        return outcome;
    }

    /** The Events v2 JSON of {@code event}. */
    static String json(PagerEvent event) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("routing_key", event.routingKey().reveal());
        root.put("event_action", event.eventAction());
        root.put("dedup_key", event.dedupKey());
        PagerEvent.Payload p = event.payload();
        if (p != null) {
            ObjectNode payload = root.putObject("payload");
            payload.put("summary", p.summary());
            payload.put("source", p.source());
            payload.put("severity", p.severity());
            payload.put("timestamp", p.timestamp());
            putIfPresent(payload, "component", p.component());
            putIfPresent(payload, "group", p.group());
            putIfPresent(payload, "class", p.eventClass());
            if (p.customDetails() != null) {
                payload.set("custom_details", p.customDetails());
            }
        }
        if (event.link() != null) {
            // Events v2's own fields for "where to look": PagerDuty shows them on the incident
            root.put("client", "Firebreak");
            root.put("client_url", event.link());
            root.putArray("links").addObject().put("href", event.link()).put("text", "Firebreak console: incident timeline");
        }
        try {
            return Json.mapper().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
