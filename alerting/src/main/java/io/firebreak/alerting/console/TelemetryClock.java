package io.firebreak.alerting.console;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each room's telemetry last reached Kafka, for the console's "last telemetry ... ago": the latest
 * {@code firebreak.readings.v1} record of the room, at the record's time (ingest's wall clock when it produced the
 * reading), never later than when the console read it (a clock ahead of the console's cannot make a silent room
 * look fresh). A room is known from the record key alone ({@code site/room} or {@code site/room/rack}), so no
 * reading is decoded. {@link #since()} is how far back the console looked: a room not heard is silent at least
 * since then. Thread-safe.
 */
public final class TelemetryClock {

    private final Map<String, Long> lastMs = new ConcurrentHashMap<>();
    private final Instant since;

    /** A clock that looked back to {@code since} for telemetry. */
    public TelemetryClock(Instant since) {
        this.since = Objects.requireNonNull(since, "since");
    }

    /**
     * A readings record keyed {@code key} with record time {@code recordMs}, read at {@code readMs}.
     *
     * @return whether it was the room's first telemetry seen
     */
    public boolean onRecord(String key, long recordMs, long readMs) {
        String room = roomOf(key);
        if (room == null) {
            return false;
        }
        long at = recordMs > 0 ? Math.min(recordMs, readMs) : readMs;
        if (lastMs.putIfAbsent(room, at) == null) {
            return true;
        }
        lastMs.merge(room, at, Math::max);
        return false;
    }

    /** The time of the room's latest telemetry seen, if any. */
    public Optional<Instant> last(String site, String room) {
        Long ms = lastMs.get(site + "/" + room);
        return ms == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(ms));
    }

    /** How far back telemetry was looked for. */
    public Instant since() {
        return since;
    }

    /** {@code site/room} of a readings key ({@code site/room} or {@code site/room/rack}); null for any other key. */
    static String roomOf(String key) {
        if (key == null) {
            return null;
        }
        int first = key.indexOf('/');
        if (first <= 0) {
            return null;
        }
        int second = key.indexOf('/', first + 1);
        String room = second < 0 ? key : key.substring(0, second);
        return room.length() > first + 1 ? room : null;
    }
}
