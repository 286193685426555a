package io.firebreak.simulators;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * The link between a room's gateway and the broker. Online, messages pass (with duplicates and
 * reordering if the scenario asks for them). Dead, the broker publishes the Last Will and readings are
 * lost. Disconnected, the broker publishes the Last Will too, but the gateway buffers its readings and,
 * once reconnected, flushes them with their original {@code ts} and {@code seq} at
 * {@value #FLUSH_PER_SECOND} messages a second, live readings queued behind them.
 */
public final class GatewayLink {

    /** What the gateway is doing. */
    public enum State { ONLINE, DEAD, DISCONNECTED }

    static final int FLUSH_PER_SECOND = 5000;

    State target = State.ONLINE;
    private State state = State.ONLINE;
    double duplicate;
    double reorder;
    private final ArrayDeque<SimMessage> buffer = new ArrayDeque<>();
    private final List<SimMessage> held = new ArrayList<>();

    /**
     * What leaves the room at {@code ts} given what its devices produced.
     *
     * @param status the gateway status message for online (true) or offline (false), or null without a gateway
     */
    List<SimMessage> process(List<SimMessage> produced, long ts, Function<Boolean, SimMessage> status,
                             Random random) {
        List<SimMessage> out = new ArrayList<>();
        if (target != state) {
            if (status != null) {
                out.add(status.apply(target == State.ONLINE));
            }
            state = target;
        }
        switch (state) {
            case DEAD -> {
                return out;
            }
            case DISCONNECTED -> {
                buffer.addAll(produced);
                return out;
            }
            default -> {
            }
        }
        if (!buffer.isEmpty()) {
            buffer.addAll(produced);
            for (int i = 0; i < FLUSH_PER_SECOND && !buffer.isEmpty(); i++) {
                out.add(buffer.removeFirst());
            }
            return out;
        }
        List<SimMessage> late = new ArrayList<>(held);
        held.clear();
        for (SimMessage message : produced) {
            if (reorder > 0 && random.nextDouble() < reorder) {
                // delivered a second late, after newer readings of the same device
                held.add(message);
                continue;
            }
            out.add(message);
            if (duplicate > 0 && random.nextDouble() < duplicate) {
                out.add(message);
            }
        }
        // last second's held messages go out after this second's newer ones
        out.addAll(late);
        return out;
    }

}
