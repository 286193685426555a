package io.firebreak.alerting;

import io.firebreak.telemetry.decision.Alert;
import io.firebreak.telemetry.decision.DrainDecision;
import io.firebreak.telemetry.decision.RiskLevel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The small pending state behind the safety rules, shared by the delivery loop, the operator-action
 * consumer and the timer: which rooms are drained (a target answered 2xx), which drains are still being
 * delivered (no target has answered yet), which decisions a person took over, which wait for a person's approval
 * (blast-radius guard), which warnings may still be drained early, which critical pages wait for an
 * acknowledgement, and which rooms are counting down to their all-clear. Every method is atomic.
 *
 * <p>Everything is rebuilt from Kafka on start ({@link StartupReplay}): operator actions first, then what
 * receivers took (the audit), decisions (held, being delivered, drained), then the recent alerts at their
 * record time, which restarts warning countdowns, escalation timers and all-clear timers where they were.
 */
final class Ledger {

    /**
     * What to do with a drain decision: deliver it; hold it and page for approval (first time, or
     * {@code STILL_HELD} when it comes again after a restart or redelivery); or drop it, because an operator
     * vetoed that held decision.
     */
    enum Admission { DELIVER, HOLD, STILL_HELD, VETOED }

    private record Warning(Alert alert, Instant until, boolean vetoed) {
    }

    private final String site;
    private final int maxHalls;
    private final Duration countdown;
    private final Duration allClearPeriod;
    private final Duration escalationAfter;
    private final Map<String, DrainDecision> drained = new LinkedHashMap<>();
    private final Map<String, DrainDecision> undelivered = new LinkedHashMap<>();
    private final Set<String> takenOver = new HashSet<>();
    private final Map<String, DrainDecision> held = new LinkedHashMap<>();
    private final Set<String> approved = new HashSet<>();
    private final Set<String> vetoed = new HashSet<>();
    private final Set<String> acked = new HashSet<>();
    private final Map<String, Warning> warnings = new LinkedHashMap<>();
    private final Map<String, Alert> unacked = new LinkedHashMap<>();
    private final Map<String, Instant> escalationDue = new LinkedHashMap<>();
    private final Map<String, Instant> allClearDue = new LinkedHashMap<>();

    Ledger(AlertingConfig config) {
        this.site = config.inventory().site();
        this.maxHalls = config.maxHallsWithoutApproval();
        this.countdown = config.warningCountdown();
        this.allClearPeriod = config.allClearPeriod();
        this.escalationAfter = config.escalationAfter();
    }

    /**
     * Decides whether {@code decision} goes out now or waits for a person. One that goes is booked as being
     * delivered; the room counts as drained only once a target has answered 2xx ({@link #delivered}).
     */
    synchronized Admission admit(DrainDecision decision) {
        if (!decision.site().equals(site)) {
            // another site's decision: its own alerting instance guards it
            return Admission.DELIVER;
        }
        String room = roomKey(decision.site(), decision.room());
        if (DrainDecision.RELEASED.equals(decision.type())) {
            drained.remove(room);
            undelivered.remove(room);
            allClearDue.remove(room);
            return Admission.DELIVER;
        }
        DrainDecision current = drained.get(room);
        DrainDecision sending = undelivered.get(room);
        if ((current != null && current.id().equals(decision.id())) || (sending != null && sending.id().equals(decision.id()))) {
            return Admission.DELIVER;
        }
        if (vetoed.contains(decision.id())) {
            return Admission.VETOED;
        }
        boolean wasHeld = held.containsKey(decision.id());
        if (approved.contains(decision.id()) || hallsWith(decision) <= maxHalls) {
            held.remove(decision.id());
            undelivered.put(room, decision);
            return Admission.DELIVER;
        }
        held.put(decision.id(), decision);
        return wasHeld ? Admission.STILL_HELD : Admission.HOLD;
    }

    /**
     * A target answered 2xx to {@code decision}: a drain.requested still in force books its room as drained.
     * A drain released (or taken over) meanwhile books nothing.
     */
    synchronized void delivered(DrainDecision decision) {
        if (!DrainDecision.REQUESTED.equals(decision.type())) {
            return;
        }
        String room = roomKey(decision.site(), decision.room());
        DrainDecision sending = undelivered.get(room);
        if (sending != null && sending.id().equals(decision.id())) {
            undelivered.remove(room);
            drained.put(room, decision);
        }
    }

    /** The admitted decision {@code decisionId} while no target has accepted it (and nobody took it over). */
    synchronized Optional<DrainDecision> undelivered(String decisionId) {
        return undelivered.values().stream().filter(d -> d.id().equals(decisionId)).findFirst();
    }

    /** A person takes delivery of {@code decisionId} over: no more attempts; its room is not booked as drained. */
    synchronized void takeOver(String decisionId) {
        takenOver.add(decisionId);
        undelivered.values().removeIf(d -> d.id().equals(decisionId));
    }

    synchronized boolean takenOver(String decisionId) {
        return takenOver.contains(decisionId);
    }

    /** Starts or stops the timers an alert implies; {@code now} is the wall clock. */
    synchronized void onAlert(Alert alert, Instant now) {
        if (alert.sensorFault()) {
            // a sensor fault is paged, but it is no warning a drain may follow and its end is no all-clear
            return;
        }
        String room = roomKey(alert.site(), alert.room());
        if (alert.resolved()) {
            warnings.remove(alert.id());
            unacked.remove(alert.id());
            escalationDue.remove(alert.id());
            // a drain still being delivered is released too, after it (its lanes keep the order)
            if (drained.containsKey(room) || undelivered.containsKey(room)) {
                allClearDue.put(room, now.plus(allClearPeriod));
            }
            return;
        }
        allClearDue.remove(room);
        if (alert.level() == RiskLevel.WARNING && !warnings.containsKey(alert.id())) {
            warnings.put(alert.id(), new Warning(alert, now.plus(countdown), vetoed.contains(alert.id())));
        }
        if (alert.level() == RiskLevel.CRITICAL && !acked.contains(alert.id()) && !unacked.containsKey(alert.id())) {
            unacked.put(alert.id(), alert);
            escalationDue.put(alert.id(), now.plus(escalationAfter));
        }
    }

    /**
     * An operator approved {@code subject}: a held decision (returned, to be published again) or a warning
     * alert within its countdown (returned: its early drain). Empty when there is nothing (left) to approve.
     */
    synchronized Optional<DrainDecision> approve(String subject, String operator, Instant now, Decisions decisions) {
        approved.add(subject);
        // replayed before the alerts, an approved warning's early drain is still known as approved when it is read
        approved.add(Decisions.earlyDrainId(subject));
        DrainDecision waiting = held.get(subject);
        if (waiting != null) {
            return Optional.of(waiting);
        }
        Warning warning = warnings.get(subject);
        if (warning == null || warning.vetoed() || now.isAfter(warning.until())) {
            return Optional.empty();
        }
        DrainDecision early = decisions.earlyDrain(warning.alert(), operator);
        approved.add(early.id());
        return Optional.of(early);
    }

    /** An operator vetoed {@code subject}: a warning's early drain, or a held decision. */
    synchronized void veto(String subject) {
        vetoed.add(subject);
        held.remove(subject);
        warnings.computeIfPresent(subject, (id, w) -> new Warning(w.alert(), w.until(), true));
    }

    /** An operator acknowledged alert {@code subject}: no escalation. True when it was waiting for one. */
    synchronized boolean ack(String subject) {
        acked.add(subject);
        escalationDue.remove(subject);
        return unacked.remove(subject) != null;
    }

    /** The drain in force for the room, to be released; empty when the room is not drained. */
    synchronized Optional<DrainDecision> drainIn(String siteId, String room) {
        String key = roomKey(siteId, room);
        return Optional.ofNullable(drained.get(key)).or(() -> Optional.ofNullable(undelivered.get(key)));
    }

    /** The escalation of {@code alertId} went out before a restart: it is not due again. */
    synchronized void escalated(String alertId) {
        escalationDue.remove(alertId);
    }

    /** Critical alerts whose escalation time has come; each is returned once. */
    synchronized List<Alert> dueEscalations(Instant now) {
        List<Alert> due = new ArrayList<>();
        escalationDue.entrySet().removeIf(e -> {
            if (now.isBefore(e.getValue())) {
                return false;
            }
            due.add(unacked.get(e.getKey()));
            return true;
        });
        warnings.values().removeIf(w -> now.isAfter(w.until().plus(countdown)));
        return due;
    }

    /** Drains whose all-clear period has passed; each is returned once. */
    synchronized List<DrainDecision> dueAllClears(Instant now) {
        List<DrainDecision> due = new ArrayList<>();
        allClearDue.entrySet().removeIf(e -> {
            if (now.isBefore(e.getValue())) {
                return false;
            }
            DrainDecision drain = drained.containsKey(e.getKey()) ? drained.get(e.getKey()) : undelivered.get(e.getKey());
            if (drain != null) {
                due.add(drain);
            }
            return true;
        });
        return due;
    }

    /** What waits for a person or a timer, for {@code GET /decisions}. */
    synchronized PendingState pending() {
        List<PendingState.Countdown> open = warnings.values().stream()
                .map(w -> new PendingState.Countdown(w.alert().id(), w.alert().site(), w.alert().room(), w.until().toString(), w.vetoed()))
                .toList();
        return new PendingState(List.copyOf(drained.values()), List.copyOf(held.values()), open,
                List.copyOf(unacked.keySet()), allClearDue.keySet().stream().toList(), List.copyOf(undelivered.values()));
    }

    private int hallsWith(DrainDecision decision) {
        Set<String> halls = new HashSet<>();
        for (Map<String, DrainDecision> rooms : List.of(drained, undelivered)) {
            for (DrainDecision d : rooms.values()) {
                if (d.site().equals(site)) {
                    d.scope().forEach(halls::add);
                }
            }
        }
        if (decision.site().equals(site)) {
            halls.addAll(decision.scope());
        }
        return halls.size();
    }

    static String roomKey(String siteId, String room) {
        return siteId + "/" + room;
    }
}
