package io.firebreak.alerting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firebreak.alerting.console.ConsoleLinks;
import io.firebreak.telemetry.decision.DrainDecision;
import io.firebreak.telemetry.decision.Evidence;
import io.firebreak.telemetry.inventory.DrainTarget;
import io.firebreak.telemetry.kafka.Json;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Locale;

/**
 * The drain webhook's wire form (contract section 5): its JSON body, field for field and in the
 * contract's order, and its {@code webhook-id}. Both are pure functions of the decision (plus the
 * time of issue), so every retry of a decision carries the same ids. With a console URL configured, the body
 * also carries {@code links}: the decision's incident page in the console (additive, docs/contract.md section 7).
 */
public final class DrainWebhook {

    private DrainWebhook() {
    }

    /**
     * The body sent for {@code decision}.
     *
     * @param issuedAt wall clock of sending, written as {@code issued_at}
     */
    public static String body(DrainDecision decision, Instant issuedAt) {
        return body(decision, issuedAt, ConsoleLinks.none());
    }

    /**
     * The body sent for {@code decision}, linking to its incident page under {@code links} (none: no link).
     *
     * @param issuedAt wall clock of sending, written as {@code issued_at}
     */
    public static String body(DrainDecision decision, Instant issuedAt, ConsoleLinks links) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("type", decision.type());
        root.put("id", decision.id());
        root.put("site", decision.site());
        root.put("room", decision.room());
        ArrayNode scope = root.putArray("scope");
        decision.scope().forEach(scope::add);
        ArrayNode tenants = root.putArray("tenants");
        decision.tenants().forEach(tenants::add);
        root.put("severity", decision.severity().name().toLowerCase(Locale.ROOT));
        root.put("reason", decision.reason());
        ArrayNode evidence = root.putArray("evidence");
        for (Evidence e : decision.evidence()) {
            evidence.addObject()
                    .put("signal", e.signal())
                    .put("where", e.where())
                    .put("value", e.value())
                    .put("unit", e.unit());
        }
        root.put("detected_at", Timestamps.rfc3339(decision.detectedAt()));
        root.put("issued_at", Timestamps.rfc3339(issuedAt));
        if (decision.uncorroborated()) {
            // additive (receivers ignore unknown fields): one device decided, nothing else in the room agreed yet
            root.put("corroboration", "uncorroborated");
        }
        // additive too: where a person sees this decision's incident (the console resolves a decision id to it)
        links.incident(decision.id()).ifPresent(href -> root.putArray("links").addObject()
                .put("href", href).put("text", "Firebreak console: incident of " + decision.id()));
        try {
            return Json.mapper().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code webhook-id} of {@code decision} at {@code target}: the same on every attempt and every restart. */
    public static String webhookId(DrainDecision decision, DrainTarget target) {
        return "msg_" + decision.id() + "_" + target.id();
    }
}
