package io.firebreak.alerting;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import io.firebreak.telemetry.auth.Verdict;
import io.firebreak.telemetry.decision.DeliveryAttempt;
import java.time.Clock;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit of refused operator requests: one {@code event=operator_refused} log line and one record on
 * {@code firebreak.audit.v1} ({@code kind: operator_refused}) per refusal, with the reason, the answer and the
 * identity the request claimed (its credential's operator, else the body's {@code operator}); never a token.
 * Claimed names are reduced to identifier characters, so a body cannot forge log lines.
 */
final class OperatorRefusals {

    /** The {@link DeliveryAttempt#kind()} of a refused operator request on the audit topic. */
    static final String KIND = "operator_refused";

    private static final Logger LOG = LoggerFactory.getLogger(OperatorRefusals.class);
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_.@:/-]{1,128}");

    private final String site;
    private final AuditLog audit;
    private final Clock clock;

    OperatorRefusals(String site, AuditLog audit, Clock clock) {
        this.site = site;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Records {@code refused} for {@code exchange}.
     *
     * @param body what could be read of the request body (action, subject, room, operator); null when none
     */
    void record(HttpExchange exchange, Verdict.Refused refused, JsonNode body) {
        String claimed = safe(refused.claiming(text(body, "operator")).claimed());
        String action = safe(text(body, "action"));
        String subject = safe(text(body, "subject"));
        String siteOf = safe(text(body, "site"));
        String room = safe(text(body, "room"));
        String path = exchange.getRequestURI().getPath();
        LOG.warn("event=operator_refused status={} reason={} method={} path={} claimed={} action={} subject={} remote={}",
                refused.status(), refused.reason(), exchange.getRequestMethod(), safe(path), claimed, action, subject,
                exchange.getRemoteAddress().getAddress().getHostAddress());
        try {
            audit.record(new DeliveryAttempt(subject.equals("-") ? safe(path) : subject, KIND,
                    siteOf.equals("-") ? site : siteOf, room, "operator:" + claimed,
                    action.equals("-") ? exchange.getRequestMethod() + " " + safe(path) : action, 0, refused.status(),
                    refused.reason(), 0, clock.millis()));
        } catch (RuntimeException e) {
            // the audit must never turn a refusal into an error answer
            LOG.warn("event=operator_refusal_not_audited error=\"{}\"", e.getMessage());
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode node = body == null ? null : body.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }

    private static String safe(String value) {
        return value == null || value.isEmpty() ? "-" : SAFE.matcher(value).matches() ? value : "(unprintable)";
    }
}
