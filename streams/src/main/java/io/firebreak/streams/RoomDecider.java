package io.firebreak.streams;

import io.firebreak.telemetry.contract.TimeMode;
import io.firebreak.telemetry.decision.Alert;
import io.firebreak.telemetry.decision.DrainDecision;
import io.firebreak.telemetry.decision.Evidence;
import io.firebreak.telemetry.decision.RiskLevel;
import io.firebreak.telemetry.inventory.SiteInventory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps each room's level from its signals and decides. A signal can only raise the level; the level
 * comes down when its evidence ages out of the window (hysteresis), never while the room is dark (silence
 * is not "resolved"), and never from critical (a drain is released by a person or the all-clear).
 * Critical issues one drain decision per incident for the halls and tenants the room powers. A room not
 * heard from for the silence period (wall clock in live mode, event time in replay) is paged at once.
 */
final class RoomDecider implements Processor<String, Signal, String, Verdict> {

    static final String ROOM_STATE = "room-state";
    static final String SILENT = "telemetry_silent";
    private static final Duration SWEEP = Duration.ofSeconds(5);

    private final SiteInventory inventory;
    private final TimeMode mode;
    private final long windowMs;
    private final long silenceMs;
    private final long sensorClearMs;
    private final double rackDeviationC;
    private ProcessorContext<String, Verdict> context;
    private KeyValueStore<String, RoomState> rooms;

    RoomDecider(SiteInventory inventory, TimeMode mode, Thresholds thresholds) {
        this.inventory = inventory;
        this.mode = mode;
        this.windowMs = thresholds.evidenceWindow().toMillis();
        this.silenceMs = thresholds.silenceAfter().toMillis();
        this.sensorClearMs = thresholds.precursors().sensorClearAfter().toMillis();
        this.rackDeviationC = thresholds.precursors().rackDeviationC();
    }

    @Override
    public void init(ProcessorContext<String, Verdict> context) {
        this.context = context;
        this.rooms = context.getStateStore(ROOM_STATE);
        context.schedule(SWEEP, PunctuationType.STREAM_TIME, this::sweepStreamTime);
        if (mode == TimeMode.LIVE) {
            context.schedule(SWEEP, PunctuationType.WALL_CLOCK_TIME, this::sweepWallClock);
        }
    }

    @Override
    public void process(Record<String, Signal> record) {
        Signal signal = record.value();
        RoomState state = rooms.get(record.key());
        state = state == null ? RoomState.normal() : state;
        Map<String, Signal> active = new HashMap<>(state.active());
        if (signal.isHeartbeat()) {
            // heard again: silence ends, and the level comes down later, when its evidence ages out
            active.remove(SILENT + "@" + signal.room());
            rooms.put(record.key(), state.withActive(active).heard(record.timestamp(), context.currentSystemTimeMs()));
            return;
        }
        if (signal.isSensorFault()) {
            SensorFaults.Change change = SensorFaults.record(record.key(), state.faults(), signal);
            if (change.alert() != null) {
                context.forward(new Record<>(record.key(), new Verdict(change.alert(), null), record.timestamp()));
            }
            rooms.put(record.key(), state.withFaults(change.open()));
            return;
        }
        if (signal.isRackTemperature()) {
            state = state.withRacks(RackComparison.record(state.racks(), signal));
            Optional<Signal> warming = RackComparison.warming(signal, state.racks(), rackDeviationC);
            if (warming.isEmpty()) {
                rooms.put(record.key(), state);
                return;
            }
            signal = warming.get();
        }
        if (signal.clears()) {
            active.remove(signal.identity());
        } else {
            active.merge(signal.identity(), signal, (old, now) -> now.evidence().ts() >= old.evidence().ts() ? now : old);
        }
        prune(active, record.timestamp() - windowMs);
        RiskLevel computed = LevelRule.evaluate(active.values());
        RiskLevel level = computed.compareTo(state.level()) > 0 ? computed : state.level();
        rooms.put(record.key(), transition(record.key(), signal.site(), signal.room(), state, level, active, record.timestamp()));
    }

    /** Moves a room to {@code level}, emitting the alert and, on reaching critical, the drain decision. */
    private RoomState transition(String key, String site, String room, RoomState state, RiskLevel level,
                                 Map<String, Signal> active, long ts) {
        String incidentId = state.incidentId();
        long incidentStart = state.incidentStart();
        String drainId = state.drainId();
        if (level != state.level()) {
            if (state.level() == RiskLevel.NORMAL) {
                incidentStart = ts;
                incidentId = LevelRule.id("alr", key, ts);
            }
            List<Evidence> evidence = LevelRule.evidence(active.values());
            Alert alert = new Alert(incidentId, site, room, level, state.level(), LevelRule.describe(room, level, evidence), evidence, ts);
            context.forward(new Record<>(key, new Verdict(alert, null), ts));
        }
        if (level == RiskLevel.CRITICAL && drainId == null) {
            drainId = LevelRule.id("drn", key, incidentStart);
            context.forward(new Record<>(key, new Verdict(null, drain(drainId, site, room, active, ts)), ts));
        }
        if (level == RiskLevel.NORMAL) {
            return state.cleared();
        }
        return new RoomState(level, incidentId, incidentStart, drainId, active, state.lastHeard(), state.lastHeardWall(),
                state.racks(), state.faults());
    }

    private DrainDecision drain(String id, String site, String room, Map<String, Signal> active, long ts) {
        List<String> halls = inventory.site().equals(site) ? inventory.hallsFedBy(room) : List.of();
        List<String> tenants = inventory.tenantsIn(halls);
        List<Evidence> evidence = LevelRule.evidence(active.values());
        return new DrainDecision(id, DrainDecision.REQUESTED, site, room, halls, tenants, RiskLevel.CRITICAL,
                LevelRule.describe(room, RiskLevel.CRITICAL, evidence), evidence, ts);
    }

    private void sweepStreamTime(long streamTime) {
        sweep(streamTime, mode == TimeMode.REPLAY ? streamTime : Long.MIN_VALUE);
    }

    private void sweepWallClock(long wallTime) {
        sweep(Long.MIN_VALUE, wallTime);
    }

    /**
     * Pages rooms that fell silent and lowers levels whose evidence aged out. {@code streamTime} ages
     * evidence (MIN_VALUE: not now); silence is judged on event time in replay, on the wall clock in live.
     */
    private void sweep(long streamTime, long silenceClock) {
        List<KeyValue<String, RoomState>> changed = new ArrayList<>();
        try (KeyValueIterator<String, RoomState> all = rooms.all()) {
            while (all.hasNext()) {
                KeyValue<String, RoomState> entry = all.next();
                RoomState next = silence(entry.key, entry.value, silenceClock);
                if (streamTime != Long.MIN_VALUE) {
                    next = ageOut(entry.key, next, streamTime);
                    next = closeFaults(entry.key, next, streamTime);
                }
                if (next != entry.value) {
                    changed.add(KeyValue.pair(entry.key, next));
                }
            }
        }
        changed.forEach(kv -> rooms.put(kv.key, kv.value));
    }

    private RoomState silence(String key, RoomState state, long clock) {
        long heard = mode == TimeMode.REPLAY ? state.lastHeard() : state.lastHeardWall();
        String[] siteRoom = key.split("/", 2);
        if (clock == Long.MIN_VALUE || heard == 0 || clock - heard < silenceMs || state.active().containsKey(SILENT + "@" + siteRoom[1])) {
            return state;
        }
        long ts = state.lastHeard() + silenceMs;
        Signal silent = new Signal(siteRoom[0], siteRoom[1], new Evidence(SILENT, "telemetry", siteRoom[1],
                (clock - heard) / 1000.0, "s", ts, false), RiskLevel.WARNING, false);
        Map<String, Signal> active = new HashMap<>(state.active());
        active.put(silent.identity(), silent);
        RiskLevel computed = LevelRule.evaluate(active.values());
        RiskLevel level = computed.compareTo(state.level()) > 0 ? computed : state.level();
        return transition(key, siteRoom[0], siteRoom[1], state, level, active, ts);
    }

    /** Closes sensor faults not seen for the clear period; never while the room is dark (silence is not a repair). */
    private RoomState closeFaults(String key, RoomState state, long streamTime) {
        if (state.faults().isEmpty() || state.dark()) {
            return state;
        }
        Map<String, RoomState.SensorFault> open = new HashMap<>(state.faults());
        List<Alert> closed = SensorFaults.expire(open, streamTime - sensorClearMs, streamTime);
        closed.forEach(alert -> context.forward(new Record<>(key, new Verdict(alert, null), streamTime)));
        return closed.isEmpty() ? state : state.withFaults(open);
    }

    private RoomState ageOut(String key, RoomState state, long streamTime) {
        if (state.level() == RiskLevel.CRITICAL || state.dark() || state.level() == RiskLevel.NORMAL) {
            return state;
        }
        Map<String, Signal> active = new HashMap<>(state.active());
        prune(active, streamTime - windowMs);
        RiskLevel level = LevelRule.evaluate(active.values());
        if (level.compareTo(state.level()) >= 0) {
            return state;
        }
        String[] siteRoom = key.split("/", 2);
        return transition(key, siteRoom[0], siteRoom[1], state, level, active, streamTime);
    }

    private void prune(Map<String, Signal> active, long before) {
        // a dead gateway or a silent room stays evidence until heard again: silence never ages out
        active.values().removeIf(s -> s.evidence().ts() < before && !s.evidence().family().equals("telemetry"));
    }
}
