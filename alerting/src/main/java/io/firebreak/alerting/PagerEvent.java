package io.firebreak.alerting;

import com.fasterxml.jackson.databind.JsonNode;
import io.firebreak.telemetry.inventory.Secret;
import java.util.Objects;
import java.util.Set;

/**
 * One PagerDuty Events API v2 event for one routing key (contract section 6).
 *
 * @param recipient   who it is for, safe to log: {@code facility} or {@code tenant:kakao}
 * @param routingKey  the Events v2 integration key; never logged
 * @param eventAction {@code trigger}, {@code acknowledge} or {@code resolve}
 * @param dedupKey    one per physical problem, so repeats update one incident
 * @param payload     the incident's details; null for acknowledge and resolve, which need none
 * @param link        the incident's page in the console, sent as {@code client_url} and {@code links}; null when
 *                    no {@code alerting.console_url} is set, and always for acknowledge and resolve (Events v2 reads
 *                    links on triggers only)
 */
public record PagerEvent(String recipient, Secret routingKey, String eventAction, String dedupKey, Payload payload,
                         String link) {

    public static final String TRIGGER = "trigger";
    public static final String ACKNOWLEDGE = "acknowledge";
    public static final String RESOLVE = "resolve";

    private static final Set<String> ACTIONS = Set.of(TRIGGER, ACKNOWLEDGE, RESOLVE);

    public PagerEvent {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(routingKey, "routingKey");
        if (!ACTIONS.contains(eventAction)) {
            throw new IllegalArgumentException("eventAction: must be trigger, acknowledge or resolve, was " + eventAction);
        }
        Objects.requireNonNull(dedupKey, "dedupKey");
        if (TRIGGER.equals(eventAction) && payload == null) {
            throw new IllegalArgumentException("payload: is required for a trigger");
        }
        if (link != null && !TRIGGER.equals(eventAction)) {
            throw new IllegalArgumentException("link: only a trigger carries one, was on a " + eventAction);
        }
    }

    /** An event without a link. */
    public PagerEvent(String recipient, Secret routingKey, String eventAction, String dedupKey, Payload payload) {
        this(recipient, routingKey, eventAction, dedupKey, payload, null);
    }

    /**
     * The Events v2 {@code payload}.
     *
     * @param severity      {@code critical}, {@code error}, {@code warning} or {@code info}
     * @param timestamp     RFC 3339
     * @param component     the room (or rack) concerned
     * @param group         the site
     * @param eventClass    the signal family, sent as {@code class}
     * @param customDetails evidence and context, any JSON
     */
    public record Payload(String summary, String source, String severity, String timestamp, String component,
                          String group, String eventClass, JsonNode customDetails) {

        private static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");

        public Payload {
            Objects.requireNonNull(summary, "summary");
            Objects.requireNonNull(source, "source");
            if (!SEVERITIES.contains(severity)) {
                throw new IllegalArgumentException("severity: must be critical, error, warning or info, was " + severity);
            }
            Objects.requireNonNull(timestamp, "timestamp");
        }
    }
}
