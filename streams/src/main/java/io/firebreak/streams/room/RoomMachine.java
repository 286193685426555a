package io.firebreak.streams.room;

import io.firebreak.streams.Threshold;
import io.firebreak.streams.Threshold.Check;
import io.firebreak.streams.Thresholds;
import io.firebreak.streams.room.RoomState.Support;
import io.firebreak.streams.topology.RoomDecider;
import io.firebreak.telemetry.decision.Alert;
import io.firebreak.telemetry.decision.DrainDecision;
import io.firebreak.telemetry.decision.Evidence;
import io.firebreak.telemetry.decision.RiskLevel;
import io.firebreak.telemetry.decision.RoomEvent;
import io.firebreak.telemetry.decision.SignalFamily;
import io.firebreak.telemetry.inventory.SiteInventory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The room's decision as a pure function: {@code (state, event, now) -> (state, verdicts)}, with no Kafka
 * in it. Events must come in event-time order ({@link RoomDecider} orders them); then the same events
 * always give the same level changes at the same event times, whichever partition delivered them first.
 * <ul>
 *   <li>A signal raises the level at once; the level comes down only once its evidence has been below it
 *       for the hold time, so a flickering sign is one alert with one id from open to resolve.</li>
 *   <li>Critical comes down only to normal (the resolve that starts the all-clear), never while the room
 *       is dark; an operator's release re-arms the room at once. The next incident gets new ids and a drain.</li>
 *   <li>Sensor faults, a silent room and a dead gateway are facility alerts of their own; silence raises
 *       the level only together with fire-class evidence (see {@link LevelRule#evaluate}).</li>
 * </ul>
 */
public final class RoomMachine {

    public static final Threshold<Duration> EVIDENCE_WINDOW = Threshold.duration("evidence_window", Duration.ofMinutes(10), Check.atLeast(Duration.ofSeconds(5)),
            "evidence older than this (event time) no longer counts; at least `rise_window`");
    public static final Threshold<Duration> SILENCE_AFTER = Threshold.duration("silence_after", Duration.ofSeconds(30), Check.atLeast(Duration.ofSeconds(5)),
            "a room or device not heard for this long is silent: a facility alert, never a hazard alone");
    public static final Threshold<Duration> HOLD_AFTER = Threshold.duration("hold_after", Duration.ofMinutes(10), Check.atLeast(Duration.ofSeconds(30)),
            "a level comes down only once its evidence has been below it this long (hysteresis); a room's link alert closes after it has been heard this long");

    static final String SILENT = "telemetry_silent";
    static final String LAGGING = "detection_lagging";

    /** The new state and what to emit, in order. */
    public record Step(RoomState state, List<Verdict> verdicts) {
    }

    private final SiteInventory inventory;
    private final long windowMs;
    private final long silenceMs;
    private final long holdMs;
    private final long sensorClearMs;
    private final double rackDeviationC;
    private final double hintFraction;
    private final RoomJudge judge;

    public RoomMachine(SiteInventory inventory, Thresholds thresholds) {
        this.inventory = inventory;
        this.windowMs = thresholds.evidenceWindow().toMillis();
        this.silenceMs = thresholds.silenceAfter().toMillis();
        this.holdMs = thresholds.holdAfter().toMillis();
        this.sensorClearMs = thresholds.precursors().sensorClearAfter().toMillis();
        this.rackDeviationC = thresholds.precursors().rackDeviationC();
        this.hintFraction = thresholds.escalation().hintFraction();
        this.judge = new RoomJudge(inventory, thresholds.escalation());
    }

    long silenceMs() {
        return silenceMs;
    }

    /** Acts on one event of room {@code key} at event time {@code at} (the event's own); event time first advances to it. */
    Step apply(String key, RoomState state, Signal signal, long at, boolean judgeSilence) {
        List<Verdict> out = new ArrayList<>();
        RoomState next = advance(key, state, at, judgeSilence, out);
        next = act(key, next, signal, at, out);
        return new Step(next, out);
    }

    /** Event time reached {@code now} with no new event: evidence ages, held levels come down, faults close. */
    Step advance(String key, RoomState state, long now, boolean judgeSilence) {
        List<Verdict> out = new ArrayList<>();
        return new Step(advance(key, state, now, judgeSilence, out), out);
    }

    /** The room has not been heard from since its last heartbeat (live mode, judged on the wall clock). */
    Step silent(String key, RoomState state, double silentForS) {
        List<Verdict> out = new ArrayList<>();
        long ts = state.lastHeard() + silenceMs;
        return new Step(goSilent(key, state, ts, silentForS, out), out);
    }

    /** A sensor fault known outside event time (a device clock refused by ingest): paged once, time does not advance. */
    Step fault(String key, RoomState state, Signal signal) {
        SensorFaults.Change change = SensorFaults.record(key, state.faults(), signal);
        List<Verdict> out = change.alert() == null ? List.of() : List.of(new Verdict(change.alert(), null));
        return new Step(state.withFaults(change.open()), out);
    }

    /** An operator released the room's drain: the incident is over and the room is re-armed. */
    Step release(String key, RoomState state, long ts) {
        if (state.level() == RiskLevel.NORMAL) {
            return new Step(state, List.of());
        }
        String[] siteRoom = key.split("/", 2);
        Alert resolved = new Alert(state.incidentId(), siteRoom[0], siteRoom[1], RiskLevel.NORMAL, state.level(),
                "room " + siteRoom[1] + " released by an operator and re-armed", List.of(), ts);
        // old evidence is spent: only what the room shows from now on can open the next incident
        return new Step(state.cleared().withActive(telemetryOf(state.active())), List.of(new Verdict(resolved, null)));
    }

    /** Detection is behind its input by {@code lagS}: a pipeline fault for the facility, opened once. */
    Step lagging(String key, RoomState state, long ts, double lagS) {
        if (state.lagAlert() != null) {
            return new Step(state, List.of());
        }
        String[] siteRoom = key.split("/", 2);
        String id = LevelRule.id("lag", key, ts);
        Evidence e = new Evidence(LAGGING, SignalFamily.PIPELINE.wireName(), "detect", Math.round(lagS * 10) / 10.0, "s", ts, false);
        Alert alert = new Alert(id, siteRoom[0], siteRoom[1], RiskLevel.WARNING, RiskLevel.NORMAL, "detection is " + e.value()
                + " s behind the readings of room " + siteRoom[1] + ": silence is not judged until it catches up", List.of(e), ts);
        return new Step(state.withLagAlert(id), List.of(new Verdict(alert, null)));
    }

    /** Detection caught up again: the pipeline fault closes. */
    Step caughtUp(String key, RoomState state, long ts) {
        if (state.lagAlert() == null) {
            return new Step(state, List.of());
        }
        String[] siteRoom = key.split("/", 2);
        Evidence e = new Evidence(LAGGING, SignalFamily.PIPELINE.wireName(), "detect", 0, "s", ts, false);
        Alert alert = new Alert(state.lagAlert(), siteRoom[0], siteRoom[1], RiskLevel.NORMAL, RiskLevel.WARNING,
                "detection caught up with room " + siteRoom[1], List.of(e), ts);
        return new Step(state.withLagAlert(null), List.of(new Verdict(alert, null)));
    }

    private RoomState act(String key, RoomState state, Signal signal, long at, List<Verdict> out) {
        RoomEvent event = signal.event();
        if (event instanceof RoomEvent.Heartbeat beat) {
            RoomState heard = state.heard(beat.ts());
            String[] siteRoom = key.split("/", 2);
            Signal silent = heard.active().get(SILENT + "@" + siteRoom[1]);
            // only a sign of life from after the silence began ends it (a late backlog's older readings do not)
            boolean after = silent != null && beat.ts() >= silent.evidence().ts();
            return after ? endTelemetry(key, heard, silent, at, out) : heard;
        }
        if (event instanceof RoomEvent.SensorFault) {
            if (RoomGoingDark.covers(signal, state.lastHeard(), silenceMs)) {
                return state;
            }
            SensorFaults.Change change = SensorFaults.record(key, state.faults(), signal);
            if (change.alert() != null) {
                out.add(new Verdict(change.alert(), null));
            }
            return state.withFaults(change.open());
        }
        if (event instanceof RoomEvent.LinkLoss loss) {
            return loss.clears() ? endTelemetry(key, state, signal, at, out) : startTelemetry(key, state, signal, at, out);
        }
        if (event instanceof RoomEvent.Progress || event instanceof RoomEvent.Release) {
            // ordering and re-arming are the flow's (see RoomFlow): neither is evidence
            return state;
        }
        Signal hazard = signal;
        if (event instanceof RoomEvent.RackTemperature) {
            state = state.withRacks(RackComparison.record(state.racks(), signal));
            Optional<Signal> warming = RackComparison.warming(signal, state.racks(), rackDeviationC);
            if (warming.isEmpty()) {
                Optional<Signal> warm = RackComparison.warming(signal, state.racks(), rackDeviationC * hintFraction);
                return warm.isEmpty() ? state : hint(key, state, RackComparison.asHint(warm.get()), at, out);
            }
            hazard = warming.get();
        } else if (event instanceof RoomEvent.Hint) {
            return hint(key, state, hazard, at, out);
        }
        Map<String, Signal> active = new HashMap<>(state.active());
        if (hazard.clears()) {
            active.remove(hazard.identity());
        } else {
            active.merge(hazard.identity(), hazard, (old, now) -> now.evidence().ts() >= old.evidence().ts() ? now : old);
        }
        return raise(key, state.withSupport(state.support().withTrend(active, hazard)), active, at, out);
    }

    /** Sub-threshold evidence: kept a minute to corroborate gas in its zone; it may tip the room over, never alone. */
    private RoomState hint(String key, RoomState state, Signal hint, long at, List<Verdict> out) {
        RoomState next = state.withSupport(state.support().withHint(hint, at));
        return raise(key, next, next.active(), at, out);
    }

    /** Re-evaluates with {@code active}: up at once; not down here (that waits for the hold, see {@link #advance}). */
    private RoomState raise(String key, RoomState state, Map<String, Signal> active, long ts, List<Verdict> out) {
        RiskLevel computed = judge.judge(key.split("/", 2)[1], active, state.support(), ts).level();
        if (computed.compareTo(state.level()) <= 0) {
            long lower = computed == state.level() ? 0 : state.lowerSince() == 0 ? ts : state.lowerSince();
            return state.withLevel(state.level(), state.incidentId(), state.incidentStart(), state.drainId(), active, lower);
        }
        return transition(key, state, computed, active, ts, out);
    }

    private RoomState advance(String key, RoomState state, long now, boolean judgeSilence, List<Verdict> out) {
        RoomState next = state;
        if (judgeSilence && next.lastHeard() > 0 && now - next.lastHeard() >= silenceMs) {
            next = goSilent(key, next, next.lastHeard() + silenceMs, (now - next.lastHeard()) / 1000.0, out);
        }
        next = closeFaults(key, next, now, out);
        if (next.level() == RiskLevel.NORMAL) {
            return next;
        }
        Map<String, Signal> active = new HashMap<>(next.active());
        // a dead gateway or a silent room stays evidence until heard again: silence never ages out
        active.values().removeIf(s -> s.evidence().ts() < now - windowMs && !s.isTelemetry());
        next = next.withSupport(next.support().pruned(active, now));
        RiskLevel computed = judge.judge(key.split("/", 2)[1], active, next.support(), now).level();
        boolean mayLower = computed.compareTo(next.level()) < 0 && !next.dark()
                && (next.level() != RiskLevel.CRITICAL || computed == RiskLevel.NORMAL);
        if (!mayLower) {
            return next.withLevel(next.level(), next.incidentId(), next.incidentStart(), next.drainId(), active, 0);
        }
        long since = next.lowerSince() == 0 ? now : next.lowerSince();
        if (now - since < holdMs) {
            return next.withLevel(next.level(), next.incidentId(), next.incidentStart(), next.drainId(), active, since);
        }
        return transition(key, next, computed, active, now, out);
    }

    /**
     * Moves the room to {@code level}, emitting the alert and, on first reaching critical, the drain decision,
     * stamped no earlier than any evidence they cite (an event acted on late must not date a decision back).
     */
    private RoomState transition(String key, RoomState state, RiskLevel level, Map<String, Signal> active, long now, List<Verdict> out) {
        String[] siteRoom = key.split("/", 2);
        long ts = now;
        if (level != RiskLevel.NORMAL) {
            for (Signal s : active.values()) {
                ts = Math.max(ts, s.evidence().ts());
            }
        }
        String incidentId = state.incidentId();
        long incidentStart = state.incidentStart();
        String drainId = state.drainId();
        if (state.level() == RiskLevel.NORMAL) {
            incidentStart = ts;
            incidentId = LevelRule.id("alr", key, ts);
        }
        RoomJudge.Judgement judgement = judge.judge(siteRoom[1], active, state.support(), ts);
        List<Evidence> evidence = new ArrayList<>(LevelRule.evidence(active.values()));
        judgement.cited().stream().filter(e -> !evidence.contains(e)).forEach(evidence::add);
        String reason = judgement.because().isEmpty() || level != judgement.level() ? LevelRule.describe(siteRoom[1], level, evidence)
                : "room " + siteRoom[1] + " " + level.name().toLowerCase(java.util.Locale.ROOT) + ": " + judgement.because();
        if (level == RiskLevel.CRITICAL) {
            // the page says so too when one panel decided alone (issue 15), not only the webhook
            reason = PanelAlone.uncorroborated(siteRoom[1], active, state.support(), ts).orElse(reason);
        }
        out.add(new Verdict(new Alert(incidentId, siteRoom[0], siteRoom[1], level, state.level(), reason, evidence, ts), null));
        if (level == RiskLevel.CRITICAL && drainId == null) {
            drainId = LevelRule.id("drn", key, incidentStart);
            out.add(new Verdict(null, drain(drainId, siteRoom[0], siteRoom[1], evidence, reason, active, state.support(), ts)));
        }
        if (level == RiskLevel.NORMAL) {
            return state.cleared().withActive(telemetryOf(active));
        }
        return state.withLevel(level, incidentId, incidentStart, drainId, active, 0);
    }

    /** The silence and dead-gateway signals of {@code active}: they outlive an incident, being about the room's link. */
    private static Map<String, Signal> telemetryOf(Map<String, Signal> active) {
        Map<String, Signal> telemetry = new HashMap<>(active);
        telemetry.values().removeIf(s -> !s.isTelemetry());
        return telemetry;
    }

    private DrainDecision drain(String id, String site, String room, List<Evidence> evidence, String reason, Map<String, Signal> active,
                                Support support, long ts) {
        List<String> halls = inventory.site().equals(site) ? inventory.hallsFedBy(room) : List.of();
        List<String> tenants = inventory.tenantsIn(halls);
        Optional<String> alone = PanelAlone.uncorroborated(room, active, support, ts);
        if (alone.isPresent()) {
            return new DrainDecision(id, DrainDecision.REQUESTED, site, room, halls, tenants, RiskLevel.CRITICAL, alone.get(), evidence, ts)
                    .asUncorroborated();
        }
        return new DrainDecision(id, DrainDecision.REQUESTED, site, room, halls, tenants, RiskLevel.CRITICAL, reason, evidence, ts);
    }


    private RoomState goSilent(String key, RoomState state, long ts, double silentForS, List<Verdict> out) {
        String[] siteRoom = key.split("/", 2);
        if (state.active().containsKey(SILENT + "@" + siteRoom[1])) {
            return state;
        }
        Evidence e = new Evidence(SILENT, SignalFamily.TELEMETRY.wireName(), siteRoom[1], Math.round(silentForS * 10) / 10.0, "s", ts, false);
        return startTelemetry(key, state, new Signal(siteRoom[0], siteRoom[1], e, RiskLevel.WARNING, false), ts, out);
    }

    /** A room gone silent or a gateway gone: a facility alert of its own, and evidence (see {@link LevelRule}). */
    private RoomState startTelemetry(String key, RoomState state, Signal signal, long at, List<Verdict> out) {
        SensorFaults.Change change = SensorFaults.record(key, state.faults(), signal);
        if (change.alert() != null) {
            out.add(new Verdict(change.alert(), null));
        }
        Map<String, Signal> active = new HashMap<>(state.active());
        active.merge(signal.identity(), signal, (old, now) -> old);
        return raise(key, state.withFaults(change.open()), active, at, out);
    }

    private RoomState endTelemetry(String key, RoomState state, Signal signal, long ts, List<Verdict> out) {
        Map<String, Signal> active = new HashMap<>(state.active());
        Signal known = active.remove(signal.identity());
        if (known == null) {
            return state;
        }
        Signal back = new Signal(known.site(), known.room(), new Evidence(known.evidence().signal(), known.evidence().family(),
                known.evidence().where(), 0, known.evidence().unit(), ts, false), RiskLevel.NORMAL, true);
        // the evidence ends at once; the alert closes once the room has been heard for the hold time, so a link
        // that flaps (a backlog flushed in bursts, a gateway rebooting twice) is one alert, paged once
        return state.withFaults(SensorFaults.recovering(state.faults(), back)).withActive(active);
    }

    /** Closes sensor faults not seen for the clear period; never while the room is dark (silence is not a repair). */
    private RoomState closeFaults(String key, RoomState state, long now, List<Verdict> out) {
        if (state.faults().isEmpty() || state.dark()) {
            return state;
        }
        Map<String, RoomState.SensorFault> open = new HashMap<>(state.faults());
        // telemetry faults close once the room has been heard for the hold time, never by ageing while silent
        Map<String, RoomState.SensorFault> telemetry = new HashMap<>(open);
        telemetry.values().removeIf(f -> !f.latest().isTelemetry());
        open.keySet().removeAll(telemetry.keySet());
        List<Alert> closed = new ArrayList<>(SensorFaults.expire(open, now - sensorClearMs, now));
        closed.addAll(SensorFaults.recovered(telemetry, now - holdMs, now));
        if (closed.isEmpty()) {
            return state;
        }
        closed.forEach(alert -> out.add(new Verdict(alert, null)));
        open.putAll(telemetry);
        return state.withFaults(open);
    }
}
