package io.firebreak.alerting;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firebreak.alerting.console.ConsoleLinks;
import io.firebreak.telemetry.decision.Alert;
import io.firebreak.telemetry.decision.DrainDecision;
import io.firebreak.telemetry.decision.Evidence;
import io.firebreak.telemetry.decision.RiskLevel;
import io.firebreak.telemetry.inventory.DrainTarget;
import io.firebreak.telemetry.inventory.PagerRouting;
import io.firebreak.telemetry.inventory.Secret;
import io.firebreak.telemetry.inventory.SiteInventory;
import io.firebreak.telemetry.kafka.Json;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Decides who is paged and with what. An alert about a room goes to the facility team and to every
 * tenant running in the halls that room powers, one event per routing key, all sharing the alert id as
 * dedup key so each team sees one incident per physical problem. WARNING pages as {@code warning},
 * CRITICAL as {@code critical}, WATCH pages nobody, NORMAL resolves. A failed drain pages the facility.
 * Sensor and pipeline faults (alerts whose evidence is all of the {@code sensor}, {@code telemetry} or
 * {@code pipeline} family, e.g. a stuck probe or a gateway gone silent) go to the facility team only:
 * tenants cannot act on them. With a console URL ({@link ConsoleLinks}), every trigger links to its incident's
 * page in the console.
 */
public final class PagerRouter {

    static final String FACILITY = "facility";
    static final String ESCALATION = "escalation";
    private static final int MAX_SUMMARY = 1024;

    private final SiteInventory inventory;
    private final Clock clock;
    private final ConsoleLinks links;

    /** A router whose events carry no console link. */
    public PagerRouter(SiteInventory inventory, Clock clock) {
        this(inventory, clock, ConsoleLinks.none());
    }

    /** A router whose triggers link to the incident's page under {@code links}. */
    public PagerRouter(SiteInventory inventory, Clock clock, ConsoleLinks links) {
        this.inventory = inventory;
        this.clock = clock;
        this.links = Objects.requireNonNull(links, "links");
    }

    /** Where the console's incident pages are (the drain webhook links to them too). */
    public ConsoleLinks links() {
        return links;
    }

    /** The events for {@code alert}; empty for WATCH. */
    public List<PagerEvent> eventsFor(Alert alert) {
        if (alert.level() == RiskLevel.WATCH) {
            return List.of();
        }
        PagerEvent.Payload payload = alert.resolved() ? null : new PagerEvent.Payload(
                summary(alert), alert.site() + "/" + alert.room(), alert.level().name().toLowerCase(Locale.ROOT),
                Timestamps.rfc3339(alert.detectedAt()), alert.room(), alert.site(), eventClass(alert.evidence()),
                details(alert));
        String action = alert.resolved() ? PagerEvent.RESOLVE : PagerEvent.TRIGGER;
        String link = alert.resolved() ? null : link(alert.id());
        List<PagerEvent> events = new ArrayList<>();
        for (Recipient r : faultOnly(alert) ? List.of(facility()) : recipients(alert.room())) {
            events.add(new PagerEvent(r.name(), r.key(), action, alert.id(), payload, link));
        }
        return events;
    }

    /** The acknowledge events for alert {@code alertId} about {@code room}: every team it paged. */
    public List<PagerEvent> acknowledgements(String alertId, String room) {
        return recipients(room).stream()
                .map(r -> new PagerEvent(r.name(), r.key(), PagerEvent.ACKNOWLEDGE, alertId, null)).toList();
    }

    /** The next level's page for a critical alert nobody acknowledged within {@code after}. */
    public PagerEvent escalation(Alert alert, java.time.Duration after, Secret nextLevel) {
        PagerEvent.Payload payload = new PagerEvent.Payload(truncate("ESCALATED (not acknowledged within " + after
                + "): " + summary(alert)), alert.site() + "/" + alert.room(), "critical", Timestamps.rfc3339(alert.detectedAt()),
                alert.room(), alert.site(), eventClass(alert.evidence()), details(alert));
        return new PagerEvent(ESCALATION, nextLevel, PagerEvent.TRIGGER, escalationKey(alert.id()), payload,
                link(alert.id()));
    }

    /** The facility page asking a person to approve a decision the blast-radius guard holds. */
    public PagerEvent approvalNeeded(DrainDecision decision, int maxHalls) {
        String summary = "Drain " + decision.id() + " of " + decision.site() + "/" + decision.room() + " " + decision.scope()
                + " held: it would drain more than " + maxHalls + " halls at once; approve or veto it";
        ObjectNode details = Json.mapper().createObjectNode();
        details.put("max_halls_without_approval", maxHalls);
        details.set("decision", Json.mapper().valueToTree(decision));
        PagerEvent.Payload payload = new PagerEvent.Payload(truncate(summary), decision.site() + "/" + decision.room(),
                "critical", Timestamps.rfc3339(clock.instant()), decision.room(), decision.site(), "blast_radius", details);
        return new PagerEvent(FACILITY, inventory.pager().facilityRoutingKey(), PagerEvent.TRIGGER,
                "approve_" + decision.id(), payload, link(decision.id()));
    }

    private static boolean faultOnly(Alert alert) {
        return !alert.evidence().isEmpty() && alert.evidence().stream()
                .allMatch(e -> e.family().equals("telemetry") || e.family().equals("pipeline") || e.family().equals("sensor"));
    }

    private Recipient facility() {
        return new Recipient(FACILITY, inventory.pager().facilityRoutingKey());
    }

    /** The facility page for a drain that {@code target} never accepted, with the decision attached. */
    public PagerEvent deliveryFailure(DrainDecision decision, DrainTarget target, PostOutcome outcome) {
        String summary = "Drain webhook " + decision.type() + " for " + decision.site() + "/" + decision.room()
                + " not delivered to " + target.id() + " (decision " + decision.id() + ", " + outcome.attempts()
                + " attempts, last answer " + outcome.lastAnswer() + "); still retrying: deliver it by other means and "
                + "take it over (POST /actions {\"action\": \"takeover\", \"subject\": \"" + decision.id() + "\"}) "
                + "to stop the retries";
        ObjectNode details = Json.mapper().createObjectNode();
        details.put("target", target.id());
        details.put("outcome", outcome.status().name().toLowerCase(Locale.ROOT));
        details.put("attempts", outcome.attempts());
        details.put("last_answer", outcome.lastAnswer());
        details.set("decision", Json.mapper().valueToTree(decision));
        PagerEvent.Payload payload = new PagerEvent.Payload(truncate(summary), decision.site() + "/" + decision.room(),
                "critical", Timestamps.rfc3339(clock.instant()), decision.room(), decision.site(), "drain_webhook", details);
        return new PagerEvent(FACILITY, inventory.pager().facilityRoutingKey(), PagerEvent.TRIGGER,
                deliveryFailureKey(decision, target), payload, link(decision.id()));
    }

    /** Resolves the facility page about {@code decision} at {@code target}: delivered at last, or taken over. */
    public PagerEvent deliveryResolved(DrainDecision decision, DrainTarget target) {
        return new PagerEvent(FACILITY, inventory.pager().facilityRoutingKey(), PagerEvent.RESOLVE,
                deliveryFailureKey(decision, target), null);
    }

    private String link(String incidentId) {
        return links.incident(incidentId).orElse(null);
    }

    static String escalationKey(String alertId) {
        return alertId + "_escalated";
    }

    static String deliveryFailureKey(DrainDecision decision, DrainTarget target) {
        return "drain_failed_" + decision.id() + "_" + target.id();
    }

    private List<Recipient> recipients(String room) {
        PagerRouting routing = inventory.pager();
        List<Recipient> recipients = new ArrayList<>();
        recipients.add(new Recipient(FACILITY, routing.facilityRoutingKey()));
        Set<Secret> seen = new HashSet<>();
        seen.add(routing.facilityRoutingKey());
        for (String tenant : inventory.tenantsIn(inventory.hallsFedBy(room))) {
            Secret key = routing.tenantRoutingKeys().get(tenant);
            // two teams sharing one key get one event, not two
            if (key != null && seen.add(key)) {
                recipients.add(new Recipient("tenant:" + tenant, key));
            }
        }
        return recipients;
    }

    private static String summary(Alert alert) {
        String base = alert.summary() == null || alert.summary().isBlank()
                ? alert.room() + " at " + alert.site() + " is " + alert.level()
                : alert.summary();
        return truncate(base);
    }

    private static String eventClass(List<Evidence> evidence) {
        return evidence.stream().filter(Evidence::decisive).findFirst()
                .or(() -> evidence.stream().findFirst())
                .map(Evidence::family).orElse("risk");
    }

    private static ObjectNode details(Alert alert) {
        ObjectNode details = Json.mapper().createObjectNode();
        details.put("alert_id", alert.id());
        details.put("level", alert.level().name().toLowerCase(Locale.ROOT));
        details.put("previous", alert.previous().name().toLowerCase(Locale.ROOT));
        ArrayNode evidence = details.putArray("evidence");
        for (Evidence e : alert.evidence()) {
            evidence.addObject()
                    .put("signal", e.signal())
                    .put("family", e.family())
                    .put("where", e.where())
                    .put("value", e.value())
                    .put("unit", e.unit())
                    .put("ts", Timestamps.rfc3339(e.ts()))
                    .put("decisive", e.decisive());
        }
        return details;
    }

    private static String truncate(String text) {
        return text.length() <= MAX_SUMMARY ? text : text.substring(0, MAX_SUMMARY - 1) + "…";
    }

    private record Recipient(String name, Secret key) {
    }
}
