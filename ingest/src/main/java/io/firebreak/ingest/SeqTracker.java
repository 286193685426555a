package io.firebreak.ingest;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers the highest {@code seq} seen per device to drop duplicates and count gaps (contract section 3),
 * together with an attachment of the message that carried it (ingest keeps that message's Kafka outcome
 * there). Bounded: beyond {@code capacity} devices the least recently heard one is forgotten, which at worst
 * lets one duplicate of that device through. Thread-safe.
 *
 * <p>A sender that restarts its counter sends {@code seq} 0 again, or a value far below the last one; that
 * is taken as a restart rather than as a duplicate, so a rebooted BMS is not silenced until it catches up.
 *
 * @param <T> the attachment kept with the latest accepted seq of a device
 */
final class SeqTracker<T> {

    /**
     * What one {@code seq} means for its device.
     *
     * @param duplicate true when the seq was already seen
     * @param skipped   how many seq values were jumped over (0 when consecutive or first)
     * @param latest    for a duplicate, the attachment of the device's latest accepted message; else null
     */
    record Verdict<T>(boolean duplicate, long skipped, T latest) {
    }

    /** A drop further below the last seq than this is a sender restart, not a late duplicate. */
    static final long RESTART_DISTANCE = 1_000;

    private record Last<T>(long seq, T attachment) {
    }

    /** Hears of every message that is not a duplicate, with how many seq values it skipped (telemetry loss). */
    @FunctionalInterface
    interface Observer {
        Observer NONE = (deviceId, skipped) -> { };

        void observed(String deviceId, long skipped);
    }

    private final Map<String, Last<T>> lastSeq;
    private final Observer observer;

    SeqTracker(int capacity) {
        this(capacity, Observer.NONE);
    }

    SeqTracker(int capacity, Observer observer) {
        this.observer = observer;
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: must be >= 1, was " + capacity);
        }
        this.lastSeq = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Last<T>> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Records {@code seq} for {@code deviceId} unless it is a duplicate, and says which it was. */
    synchronized Verdict<T> observe(String deviceId, long seq, T attachment) {
        Last<T> last = lastSeq.get(deviceId);
        if (last != null && seq <= last.seq() && !isRestart(last.seq(), seq)) {
            return new Verdict<>(true, 0, last.attachment());
        }
        lastSeq.put(deviceId, new Last<>(seq, attachment));
        long skipped = last == null || seq <= last.seq() ? 0 : seq - last.seq() - 1;
        observer.observed(deviceId, skipped);
        return new Verdict<>(false, skipped, null);
    }

    /** Remembers {@code seq} as the device's latest, as recovered from an earlier run. */
    synchronized void seed(String deviceId, long seq, T attachment) {
        lastSeq.put(deviceId, new Last<>(seq, attachment));
    }

    /**
     * Forgets a device, so that a message of it which is redelivered (because it could not be forwarded) is
     * not mistaken for a duplicate.
     */
    synchronized void forget(String deviceId) {
        lastSeq.remove(deviceId);
    }

    synchronized int size() {
        return lastSeq.size();
    }

    private static boolean isRestart(long last, long seq) {
        return (seq == 0 && last > 0) || last - seq > RESTART_DISTANCE;
    }
}
