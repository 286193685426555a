package io.firebreak.ingest;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers the highest {@code seq} seen per device to drop duplicates and count gaps (contract section 3),
 * together with an attachment of the message that carried it (ingest keeps that message's Kafka outcome
 * there). Bounded: beyond {@code capacity} devices the least recently heard one is forgotten, which at worst
 * lets one duplicate of that device through. Thread-safe.
 *
 * <p>Each device keeps a window of the last {@value #WINDOW} seq values it was heard with, so a message that
 * arrives after a later one (a QoS 1 redelivery, a reordering) is still taken once if it was never seen, and
 * a seq that jumps far ahead (a glitch, a forged message) costs nothing: the device's next messages, below
 * the jump, are new to the window and accepted, and one further below the window than that is a restart.
 * A sender that restarts its counter sends {@code seq} 0 again, or a value far below the last one; that is
 * taken as a restart rather than as a duplicate, so a rebooted BMS is not silenced until it catches up.
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

    /** How many seq values below the highest one each device remembers having seen. */
    static final int WINDOW = 1024;
    /** A drop further below the highest seq than the window is a sender restart, not a late duplicate. */
    static final long RESTART_DISTANCE = WINDOW;

    /** A device's highest seq, the seqs seen in the window below it (a ring of bits), and the attachment. */
    private static final class Last<T> {
        long high;
        T attachment;
        final long[] seen = new long[WINDOW / 64];

        Last(long high, T attachment) {
            this.high = high;
            this.attachment = attachment;
            // nothing is known below the first seq heard (or recovered): take it all as seen
            java.util.Arrays.fill(seen, -1L);
        }

        boolean isSeen(long seq) {
            int slot = (int) Math.floorMod(seq, (long) WINDOW);
            return (seen[slot >>> 6] & (1L << (slot & 63))) != 0;
        }

        void mark(long seq, boolean value) {
            int slot = (int) Math.floorMod(seq, (long) WINDOW);
            if (value) {
                seen[slot >>> 6] |= 1L << (slot & 63);
            } else {
                seen[slot >>> 6] &= ~(1L << (slot & 63));
            }
        }

        /** Moves the top of the window to {@code seq}, the values jumped over unseen. */
        void advance(long seq, T newAttachment) {
            if (seq - high >= WINDOW) {
                java.util.Arrays.fill(seen, 0L);
            } else {
                for (long s = high + 1; s < seq; s++) {
                    mark(s, false);
                }
            }
            high = seq;
            attachment = newAttachment;
            mark(seq, true);
        }
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
        if (last == null || isRestart(last.high, seq)) {
            lastSeq.put(deviceId, new Last<>(seq, attachment));
            observer.observed(deviceId, 0);
            return new Verdict<>(false, 0, null);
        }
        if (seq > last.high) {
            long skipped = seq - last.high - 1;
            last.advance(seq, attachment);
            observer.observed(deviceId, skipped);
            return new Verdict<>(false, skipped, null);
        }
        if (last.isSeen(seq)) {
            return new Verdict<>(true, 0, last.attachment);
        }
        // below the highest seq but never seen: late, not a duplicate (its gap was counted when it opened)
        last.mark(seq, true);
        observer.observed(deviceId, 0);
        return new Verdict<>(false, 0, null);
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

    /**
     * Takes back one accepted {@code seq} that could not be forwarded, so its redelivery is taken as new while
     * the device's other messages keep their duplicate protection.
     */
    synchronized void unmark(String deviceId, long seq) {
        Last<T> last = lastSeq.get(deviceId);
        if (last != null && seq <= last.high && last.high - seq < WINDOW) {
            last.mark(seq, false);
        }
    }

    synchronized int size() {
        return lastSeq.size();
    }

    private static boolean isRestart(long high, long seq) {
        return (seq == 0 && high > 0) || high - seq >= RESTART_DISTANCE;
    }
}
