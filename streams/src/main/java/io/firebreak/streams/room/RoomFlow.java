package io.firebreak.streams.room;

import io.firebreak.streams.room.RoomMachine.Step;
import io.firebreak.streams.room.RoomState.Pending;
import io.firebreak.streams.room.RoomState.SourceMark;
import io.firebreak.streams.topology.RoomSources;
import io.firebreak.telemetry.contract.TimeMode;
import io.firebreak.telemetry.decision.RiskLevel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Hands a room's {@link RoomMachine} the room's events in event-time order, as a pure function of the
 * room's state, the event and the wall clock. A room's events come from several readings partitions (its
 * racks and its room sensors), each in its own order; every event carries its partition's stream time,
 * and the room acts on an event only once every partition feeding it has passed it, so the level, its
 * times and its ids never depend on which partition was read first. An event older than what the room
 * has already acted on (a partition reordering its own records) is acted on as it comes.
 * A partition that has said nothing for a few seconds of wall clock no longer holds the others back.
 * In live mode an unmistakable signal (fire alarm, runaway) is acted on at once and nothing waits longer
 * than a second; silence is judged on the wall clock, and only while detection keeps up with its input.
 */
public final class RoomFlow {

    /**
     * Wall clock after which a partition that said nothing no longer holds a room's events back: in live
     * mode a few seconds (nothing waits long there anyway); in replay long enough that a partition starved
     * under load is never taken for one that has nothing more to say, which would make its events late.
     */
    static final long LIVE_SOURCE_IDLE_MS = 5_000;
    static final long REPLAY_SOURCE_IDLE_MS = 30_000;
    /** Wall clock after which a partition that said nothing has sent every event of the second it reached. */
    static final long SAME_SECOND_MS = 1_000;
    /** In live mode, the longest an event waits for the other partitions (wall clock). */
    static final long LIVE_MAX_WAIT_MS = 1_000;
    private static final Comparator<Pending> EVENT_ORDER = Comparator
            .comparingLong((Pending p) -> p.signal().evidence().ts())
            .thenComparing(p -> p.signal().identity())
            .thenComparing(p -> p.signal().source() == null ? "" : p.signal().source())
            .thenComparing(p -> p.signal().level());

    private final TimeMode mode;
    private final RoomMachine machine;
    private final Function<String, Set<String>> expected;
    private final long sourceIdleMs;
    /** True when every input arrives in one order already (a single-threaded driver): all are one source. */
    private final boolean inOrder;

    /** {@code expected}: the sources feeding each room, waited for before a room first acts (see {@link RoomSources}). */
    public RoomFlow(RoomMachine machine, TimeMode mode, Function<String, Set<String>> expected) {
        this(machine, mode, expected, false);
    }

    private RoomFlow(RoomMachine machine, TimeMode mode, Function<String, Set<String>> expected, boolean inOrder) {
        this.machine = machine;
        this.mode = mode;
        this.expected = expected;
        this.sourceIdleMs = mode == TimeMode.LIVE ? LIVE_SOURCE_IDLE_MS : REPLAY_SOURCE_IDLE_MS;
        this.inOrder = inOrder;
    }

    /**
     * For a driver that hands over every input in one order (such as {@code TopologyTestDriver}, which
     * processes each record as it is piped): the battery and alarm inputs count as one source, so an input
     * that goes quiet never holds the other back on a wall clock that does not move.
     */
    public static RoomFlow inOrder(RoomMachine machine, TimeMode mode) {
        return new RoomFlow(machine, mode, room -> Set.of(), true);
    }

    /** Receives one event of room {@code key} at wall time {@code wall}; acts on every event now in order. */
    public Step offer(String key, RoomState state, Signal signal, long wall) {
        List<Verdict> out = new ArrayList<>();
        if (ClockFaults.is(signal)) {
            // stamped with the wall clock it was refused at: a fault to page, not an event to order
            return machine.fault(key, state, signal);
        }
        if (signal.isOperator()) {
            long ts = mode == TimeMode.LIVE ? wall : Math.max(state.watermark(), state.lastHeard());
            return machine.release(key, state, ts);
        }
        Map<String, SourceMark> sources = new HashMap<>(state.sources());
        if (sources.isEmpty()) {
            // a room first seen: every partition that will feed it holds its events back until it reports
            // (or has said nothing for a few seconds), so the first partition read does not decide alone
            expected.apply(key).forEach(source -> sources.put(source, new SourceMark(Long.MIN_VALUE, wall)));
        }
        if (signal.source() != null) {
            String source = inOrder ? "in-order" : signal.source();
            SourceMark known = sources.get(source);
            long progress = known == null ? signal.sourceTime() : Math.max(known.progress(), signal.sourceTime());
            sources.put(source, new SourceMark(progress, wall));
        }
        RoomState next = signal.isHeartbeat() ? state.heardWall(wall) : state;
        List<Pending> pending = new ArrayList<>(next.pending());
        if (!signal.isProgress()) {
            boolean late = signal.evidence().ts() <= next.watermark();
            boolean urgent = mode == TimeMode.LIVE && signal.level() == RiskLevel.CRITICAL;
            if (late || urgent) {
                // nothing older can still change what this does, or it cannot wait
                // a late event never judges silence: its time lies behind what the room has already judged
                next = collect(machine.apply(key, next, signal, signal.evidence().ts(), mode == TimeMode.REPLAY && !late), out);
            } else {
                pending.add(new Pending(signal, wall));
            }
        }
        next = release(key, next.withOrdering(pending, sources, next.watermark()), wall, out);
        return new Step(next, out);
    }

    /** The wall clock reached {@code wall}: idle sources stop holding events back; live mode judges silence and lag. */
    public Step tick(String key, RoomState state, long wall) {
        List<Verdict> out = new ArrayList<>();
        RoomState next = release(key, state, wall, out);
        if (mode == TimeMode.LIVE) {
            next = liveSilence(key, next, wall, out);
        }
        return new Step(next, out);
    }

    /** Acts, in event-time order, on the events every live source has passed; then advances event time. */
    private RoomState release(String key, RoomState state, long wall, List<Verdict> out) {
        long mark = watermark(state, wall);
        List<Pending> ready = new ArrayList<>();
        List<Pending> waiting = new ArrayList<>();
        for (Pending p : state.pending()) {
            boolean due = p.signal().evidence().ts() <= mark || mode == TimeMode.LIVE && wall - p.arrivedWall() >= LIVE_MAX_WAIT_MS;
            (due ? ready : waiting).add(p);
        }
        if (ready.isEmpty() && (mark == Long.MAX_VALUE || mark <= state.watermark())) {
            return state;
        }
        ready.sort(EVENT_ORDER);
        RoomState next = state.withOrdering(waiting, state.sources(), state.watermark());
        long reached = state.watermark();
        for (Pending p : ready) {
            next = collect(machine.apply(key, next, p.signal(), p.signal().evidence().ts(), mode == TimeMode.REPLAY), out);
            reached = Math.max(reached, p.signal().evidence().ts());
        }
        if (mark != Long.MAX_VALUE) {
            reached = Math.max(reached, mark);
        }
        if (reached > state.watermark()) {
            next = collect(machine.advance(key, next, reached, mode == TimeMode.REPLAY), out);
        }
        return next.withOrdering(next.pending(), next.sources(), Math.max(state.watermark(), reached));
    }

    /**
     * The event time every source that still talks has passed; {@code Long.MAX_VALUE} when no source
     * talks any more (nothing is left to order against). A partition at {@code t} may still send more events
     * stamped {@code t} (other devices of the same second, read in the same poll), so it has passed only
     * {@code t - 1} until it has said nothing for {@link #SAME_SECOND_MS} of wall clock; a driver that hands
     * everything over in one order ({@link #inOrder}) has passed {@code t} itself.
     */
    private long watermark(RoomState state, long wall) {
        long mark = Long.MAX_VALUE;
        for (SourceMark source : state.sources().values()) {
            if (talking(source, wall)) {
                long progress = source.progress();
                boolean more = !inOrder && progress != Long.MIN_VALUE && wall - source.wall() < SAME_SECOND_MS;
                mark = Math.min(mark, more ? progress - 1 : progress);
            }
        }
        return mark;
    }

    /**
     * True while {@code source} still holds the room's events back: a partition expected to feed the room
     * that never has is waited for briefly (it may carry none of the room's devices, or only a dead one);
     * one that has spoken, for longer.
     */
    private boolean talking(SourceMark source, long wall) {
        long idle = source.progress() == Long.MIN_VALUE ? LIVE_SOURCE_IDLE_MS : sourceIdleMs;
        return wall - source.wall() <= idle;
    }

    /**
     * Silence on the wall clock, judged only while detection keeps up: when the partitions feeding a room
     * are behind real time by the silence period, that is detection lagging (a pipeline fault), not the
     * room gone quiet.
     */
    private RoomState liveSilence(String key, RoomState state, long wall, List<Verdict> out) {
        long lag = 0;
        for (SourceMark source : state.sources().values()) {
            if (source.progress() != Long.MIN_VALUE && talking(source, wall)) {
                lag = Math.max(lag, wall - source.progress());
            }
        }
        if (lag >= machine.silenceMs()) {
            return collect(machine.lagging(key, state, wall, lag / 1000.0), out);
        }
        RoomState next = collect(machine.caughtUp(key, state, wall), out);
        if (next.lastHeardWall() > 0 && wall - next.lastHeardWall() >= machine.silenceMs()) {
            next = collect(machine.silent(key, next, (wall - next.lastHeardWall()) / 1000.0), out);
        }
        return next;
    }

    private static RoomState collect(Step step, List<Verdict> out) {
        out.addAll(step.verdicts());
        return step.state();
    }
}
