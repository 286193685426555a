package io.firebreak.streams;

import io.firebreak.telemetry.decision.Alert;
import io.firebreak.telemetry.decision.DrainDecision;
import io.firebreak.telemetry.decision.Evidence;
import io.firebreak.telemetry.decision.RiskLevel;
import io.firebreak.telemetry.inventory.SiteInventory;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * Critical issues one drain decision per incident for the halls and tenants the room powers.
 */
final class RoomDecider implements Processor<String, Signal, String, Verdict> {

    static final String ROOM_STATE = "room-state";
    private static final Duration SWEEP = Duration.ofSeconds(10);

    private final SiteInventory inventory;
    private final long windowMs;
    private ProcessorContext<String, Verdict> context;
    private KeyValueStore<String, RoomState> rooms;

    RoomDecider(SiteInventory inventory, Thresholds thresholds) {
        this.inventory = inventory;
        this.windowMs = thresholds.evidenceWindow().toMillis();
    }

    @Override
    public void init(ProcessorContext<String, Verdict> context) {
        this.context = context;
        this.rooms = context.getStateStore(ROOM_STATE);
        context.schedule(SWEEP, PunctuationType.STREAM_TIME, this::sweep);
    }

    @Override
    public void process(Record<String, Signal> record) {
        Signal signal = record.value();
        RoomState state = rooms.get(record.key());
        state = state == null ? RoomState.normal() : state;
        Map<String, Signal> active = new HashMap<>(state.active());
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
            return RoomState.normal();
        }
        return new RoomState(level, incidentId, incidentStart, drainId, active);
    }

    private DrainDecision drain(String id, String site, String room, Map<String, Signal> active, long ts) {
        List<String> halls = inventory.site().equals(site) ? inventory.hallsFedBy(room) : List.of();
        List<String> tenants = inventory.tenantsIn(halls);
        List<Evidence> evidence = LevelRule.evidence(active.values());
        return new DrainDecision(id, DrainDecision.REQUESTED, site, room, halls, tenants, RiskLevel.CRITICAL,
                LevelRule.describe(room, RiskLevel.CRITICAL, evidence), evidence, ts);
    }

    /** Ages evidence out on event time and lowers levels that no longer hold. */
    private void sweep(long streamTime) {
        List<KeyValue<String, RoomState>> changed = new java.util.ArrayList<>();
        try (KeyValueIterator<String, RoomState> all = rooms.all()) {
            while (all.hasNext()) {
                KeyValue<String, RoomState> entry = all.next();
                RoomState state = entry.value;
                if (state.level() == RiskLevel.CRITICAL || state.dark() || state.level() == RiskLevel.NORMAL) {
                    continue;
                }
                Map<String, Signal> active = new HashMap<>(state.active());
                prune(active, streamTime - windowMs);
                RiskLevel level = LevelRule.evaluate(active.values());
                if (level.compareTo(state.level()) < 0) {
                    String[] siteRoom = entry.key.split("/", 2);
                    changed.add(KeyValue.pair(entry.key, transition(entry.key, siteRoom[0], siteRoom[1], state, level, active, streamTime)));
                }
            }
        }
        changed.forEach(kv -> rooms.put(kv.key, kv.value));
    }

    private void prune(Map<String, Signal> active, long before) {
        // a dead gateway stays evidence until it comes back: silence never ages out
        active.values().removeIf(s -> s.evidence().ts() < before && !s.evidence().family().equals("telemetry"));
    }
}
