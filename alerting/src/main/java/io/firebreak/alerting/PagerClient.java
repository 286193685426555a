package io.firebreak.alerting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firebreak.telemetry.decision.DeliveryAttempt;
import io.firebreak.telemetry.kafka.Json;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends {@link PagerEvent}s to a PagerDuty Events API v2 endpoint (or anything that speaks it). Any
 * 2xx (PagerDuty answers 202) accepts; 429, 5xx and network errors are retried with backoff; a 400
 * means the event itself is wrong, so it is logged and not retried.
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
        String body = json(event);
        String what = "kind=page action=" + event.eventAction() + " recipient=" + event.recipient()
                + " dedup_key=" + event.dedupKey();
        if (dryRun) {
            audit.record(new DeliveryAttempt(event.dedupKey(), DeliveryAttempt.PAGE, site, room, event.recipient(),
                    event.eventAction(), 0, 0, "dry_run", 0, System.currentTimeMillis()));
            LOG.info("event=page_dry_run {} bytes={}", what, body.length());
            return PostOutcome.dryRun();
        }
        PostOutcome outcome = post.post(what, attempt -> HttpRequest.newBuilder(url)
                .timeout(post.policy().attemptTimeout())
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build(), (attempt, status, error, latencyMs, at) -> audit.record(new DeliveryAttempt(event.dedupKey(),
                DeliveryAttempt.PAGE, site, room, event.recipient(), event.eventAction(), attempt, status, error, latencyMs, at)));
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
            default -> LOG.info("event=page_stopped {} attempts={}", what, outcome.attempts());
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
