package io.firebreak.alerting.console;

import io.firebreak.telemetry.decision.Alert;
import io.firebreak.telemetry.decision.DeliveryAttempt;
import io.firebreak.telemetry.decision.DrainDecision;
import io.firebreak.telemetry.decision.OperatorAction;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One timeline per incident, for the console's incident page. An incident is one risk alert id (one problem
 * keeps one id from its first sign until it clears); its timeline is everything that happened in its room
 * from the id's first record to its resolution: every level change, the drain decisions, every webhook and
 * page attempt with its answer (from {@code firebreak.audit.v1}), every operator action with who. Entries are
 * placed by their Kafka record time, so topics read in any order give the same timeline. A drain decision's id
 * names the incident it belongs to (the room's risk alert open when it was recorded), so the links that
 * webhooks and decision pages carry ({@link ConsoleLinks}) open that incident. Thread-safe; the last
 * {@value #PER_ROOM} entries per room are kept.
 */
public final class IncidentLog {

    static final int PER_ROOM = 2000;

    /** One line of a timeline; {@code at} is the record's time (epoch ms), {@code who} the operator, if any. */
    public record Entry(long at, String kind, String what, String who, String subject) {
    }

    /** An incident: its alert id, room, latest level and summary, its window and its entries in time order. */
    public record Incident(String id, String site, String room, String level, String summary, long from, Long to,
                           List<Entry> entries) {
    }

    private record Span(String site, String room, long from, Long to, Alert latest) {
    }

    private record Decided(String site, String room, long at) {
    }

    private final Map<String, Deque<Entry>> byRoom = new HashMap<>();
    private final Map<String, Span> incidents = new LinkedHashMap<>();
    private final Map<String, Decided> decisions = new HashMap<>();

    public synchronized void onAlert(Alert alert, long at) {
        if (alert.sensorFault() || (alert.resolved() && !incidents.containsKey(alert.id()))) {
            return;
        }
        Span span = incidents.get(alert.id());
        long from = span == null ? at : Math.min(span.from(), at);
        Long to = alert.resolved() ? Long.valueOf(at) : span == null ? null : span.to();
        incidents.put(alert.id(), new Span(alert.site(), alert.room(), from, to, alert));
        String what = alert.resolved() ? "resolved (" + level(alert.previous()) + " -> normal)"
                : "level " + level(alert.previous()) + " -> " + level(alert.level()) + ": " + alert.summary();
        add(alert.site(), alert.room(), new Entry(at, "alert", what, null, alert.id()));
    }

    public synchronized void onDecision(DrainDecision decision, long at) {
        decisions.putIfAbsent(decision.id(), new Decided(decision.site(), decision.room(), at));
        String what = DrainDecision.REQUESTED.equals(decision.type())
                ? "drain decided: " + String.join(", ", decision.scope()) + " (tenants " + String.join(", ", decision.tenants()) + ")"
                : decision.type() + ": " + String.join(", ", decision.scope());
        add(decision.site(), decision.room(), new Entry(at, "decision", what + " [" + decision.id() + "]", null, decision.id()));
    }

    public synchronized void onAudit(DeliveryAttempt a, long at) {
        String answer = a.status() > 0 ? "answered " + a.status() : "no answer";
        String what = switch (a.kind()) {
            case DeliveryAttempt.WEBHOOK -> "webhook to " + a.target() + " attempt " + a.attempt() + ": " + answer
                    + (a.error() == null || a.error().isBlank() ? "" : " (" + a.error() + ")") + " [" + a.subject() + "]";
            case DeliveryAttempt.PAGE -> "page " + a.messageId() + " to " + a.target() + " attempt " + a.attempt() + ": "
                    + answer + " [" + a.subject() + "]";
            case DeliveryAttempt.UNDELIVERED -> "UNDELIVERED to " + a.target() + ": " + a.error() + " [" + a.subject() + "]";
            default -> a.kind() + " " + a.messageId() + " by " + a.target() + ": " + a.status() + " " + a.error();
        };
        add(a.site(), a.room(), new Entry(at, a.kind(), what, null, a.subject()));
    }

    public synchronized void onAction(OperatorAction action, long at) {
        String what = action.action() + " " + action.subject() + (action.note() == null || action.note().isBlank() ? "" : ": " + action.note());
        add(action.site(), action.room(), new Entry(at, "operator", what, action.operator(), action.subject()));
    }

    /** The incident of that alert id, or of the alert a drain decision of that id belongs to, with its timeline. */
    public synchronized Optional<Incident> incident(String id) {
        String alertId = incidents.containsKey(id) ? id : incidentOf(decisions.get(id));
        Span span = alertId == null ? null : incidents.get(alertId);
        if (span == null) {
            return Optional.empty();
        }
        Deque<Entry> entries = byRoom.getOrDefault(span.site() + "/" + span.room(), new ArrayDeque<>());
        // a little before the first alert: a pipeline's records of one moment may carry slightly earlier times
        long from = span.from() - 1000;
        List<Entry> timeline = entries.stream()
                .filter(e -> e.at() >= from && (span.to() == null || e.at() <= span.to() + 1000 || isAbout(e, alertId)))
                .sorted(Comparator.comparingLong(Entry::at)).toList();
        Alert latest = span.latest();
        return Optional.of(new Incident(alertId, span.site(), span.room(), level(latest.level()), latest.summary(),
                span.from(), span.to(), timeline));
    }

    /** The latest incident of the decision's room whose window holds the decision's record time. */
    private String incidentOf(Decided decided) {
        if (decided == null) {
            return null;
        }
        String found = null;
        long latestFrom = Long.MIN_VALUE;
        for (Map.Entry<String, Span> e : incidents.entrySet()) {
            Span s = e.getValue();
            boolean holds = s.site().equals(decided.site()) && s.room().equals(decided.room())
                    && decided.at() >= s.from() - 1000 && (s.to() == null || decided.at() <= s.to() + 1000);
            if (holds && s.from() >= latestFrom) {
                found = e.getKey();
                latestFrom = s.from();
            }
        }
        return found;
    }

    private static boolean isAbout(Entry e, String alertId) {
        return e.subject() != null && e.subject().startsWith(alertId);
    }

    private void add(String site, String room, Entry entry) {
        Deque<Entry> entries = byRoom.computeIfAbsent(site + "/" + room, k -> new ArrayDeque<>());
        entries.addLast(entry);
        if (entries.size() > PER_ROOM) {
            entries.removeFirst();
        }
    }

    private static String level(Enum<?> level) {
        return level.name().toLowerCase(Locale.ROOT);
    }
}
