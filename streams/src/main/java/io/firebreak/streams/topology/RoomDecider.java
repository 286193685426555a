package io.firebreak.streams.topology;

import io.firebreak.streams.Thresholds;
import io.firebreak.streams.room.RoomFlow;
import io.firebreak.streams.room.RoomMachine;
import io.firebreak.streams.room.RoomState;
import io.firebreak.streams.room.Signal;
import io.firebreak.streams.room.Verdict;
import io.firebreak.telemetry.contract.TimeMode;
import io.firebreak.telemetry.inventory.SiteInventory;
import java.time.Duration;
import java.util.ArrayList;
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
 * The thin processor around each room's decision: loads the room's state, hands the event to the pure
 * {@link RoomFlow} (ordering) and {@link RoomMachine} (deciding), forwards what they emit and stores the
 * state; once a second of wall clock it lets them act on time passing.
 */
public final class RoomDecider implements Processor<String, Signal, String, Verdict> {

    public static final String ROOM_STATE = "room-state";
    private static final Duration SWEEP = Duration.ofSeconds(1);
    /** Room states a task keeps as objects at most (a site has tens of rooms; more is a misconfiguration). */
    static final int LIVE_ROOMS = 10_000;

    private final RoomFlow flow;
    private ProcessorContext<String, Verdict> context;
    private KeyValueStore<String, RoomState> rooms;
    /**
     * Each room's state as this task last stored it (a room state is immutable): the store holds it for recovery
     * and is read only for a room not here, so an event costs one encoding instead of a decoding and an encoding.
     * Cleared whenever the task starts (its store is then restored from the changelog).
     */
    private final Map<String, RoomState> live = new HashMap<>();
    /** True once {@link #live} holds every room of the task's store (read whole at the first sweep). */
    private boolean liveHoldsAll;

    /**
     * {@code readingsPartitions} and {@code priorityPartitions}: the partition counts the room's sources are
     * found from; 0 for a driver that hands every input over in one order ({@link RoomFlow#inOrder}).
     */
    RoomDecider(SiteInventory inventory, TimeMode mode, Thresholds thresholds, int readingsPartitions, int priorityPartitions) {
        RoomMachine machine = new RoomMachine(inventory, thresholds);
        this.flow = readingsPartitions == 0 ? RoomFlow.inOrder(machine, mode)
                : new RoomFlow(machine, mode, new RoomSources(inventory, readingsPartitions, priorityPartitions)::of);
    }

    @Override
    public void init(ProcessorContext<String, Verdict> context) {
        this.context = context;
        this.rooms = context.getStateStore(ROOM_STATE);
        live.clear();
        liveHoldsAll = false;
        context.schedule(SWEEP, PunctuationType.WALL_CLOCK_TIME, this::sweep);
    }

    @Override
    public void process(Record<String, Signal> record) {
        RoomState state = live.get(record.key());
        if (state == null) {
            state = rooms.get(record.key());
        }
        RoomMachine.Step step = flow.offer(record.key(), state == null ? RoomState.normal() : state, record.value(),
                context.currentSystemTimeMs());
        store(record.key(), emit(step));
    }

    private void store(String key, RoomState state) {
        rooms.put(key, state);
        if (live.size() >= LIVE_ROOMS && !live.containsKey(key)) {
            live.clear();
            liveHoldsAll = false;
        }
        live.put(key, state);
    }

    @Override
    public void close() {
        live.clear();
        liveHoldsAll = false;
    }

    /**
     * Every second of wall clock, each room of this task: the first sweep after the task starts reads them all from the
     * store (every room it restored); from then on {@link #live} holds every room the task has, unless it outgrew it.
     */
    private void sweep(long wall) {
        List<KeyValue<String, RoomState>> due = new ArrayList<>();
        if (liveHoldsAll) {
            live.forEach((key, state) -> due.add(KeyValue.pair(key, state)));
        } else {
            try (KeyValueIterator<String, RoomState> all = rooms.all()) {
                all.forEachRemaining(due::add);
            }
            liveHoldsAll = due.size() < LIVE_ROOMS;
            if (liveHoldsAll) {
                due.forEach(kv -> live.putIfAbsent(kv.key, kv.value));
            }
        }
        for (KeyValue<String, RoomState> room : due) {
            RoomState next = emit(flow.tick(room.key, room.value, wall));
            if (!next.equals(room.value)) {
                store(room.key, next);
            }
        }
    }

    private RoomState emit(RoomMachine.Step step) {
        for (Verdict verdict : step.verdicts()) {
            long ts = verdict.alert() != null ? verdict.alert().detectedAt() : verdict.decision().detectedAt();
            String key = verdict.alert() != null ? verdict.alert().site() + "/" + verdict.alert().room()
                    : verdict.decision().site() + "/" + verdict.decision().room();
            context.forward(new Record<>(key, verdict, ts));
        }
        return step.state();
    }
}
