package io.firebreak.telemetry.decision;

import java.util.Objects;

/**
 * One delivery attempt and its answer, recorded on {@code firebreak.audit.v1} (keyed by room,
 * {@code site/room}): what was sent where, and what came back. Never carries a secret or routing key.
 *
 * @param subject   the decision id (webhooks) or dedup key (pages)
 * @param kind      {@code webhook}, {@code page}, or {@code undelivered}: not an attempt but the record that a
 *                  room's drain webhook and the page about it both keep failing (nobody knows yet)
 * @param site      the site concerned
 * @param room      the room concerned
 * @param target    the drain target id, or the page recipient ({@code facility}, {@code tenant:kakao}, ...)
 * @param messageId the {@code webhook-id} (webhooks) or the event action (pages)
 * @param attempt   1-based attempt number; 0 for a dry run, which sends nothing
 * @param status    the HTTP status; 0 when there was none (network error, timeout, dry run)
 * @param error     the error's kind ({@code ConnectException}, {@code HttpTimeoutException}, {@code dry_run}); null on an answer
 * @param latencyMs how long the attempt took
 * @param at        wall clock when the attempt started, epoch ms
 */
public record DeliveryAttempt(String subject, String kind, String site, String room, String target, String messageId,
                              int attempt, int status, String error, long latencyMs, long at) {

    public static final String WEBHOOK = "webhook";
    public static final String PAGE = "page";
    public static final String UNDELIVERED = "undelivered";

    public DeliveryAttempt {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(target, "target");
    }

    /** True when the receiver took it (any 2xx). */
    public boolean accepted() {
        return status >= 200 && status < 300;
    }
}
