package io.firebreak.telemetry.kafka;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * {@link Double#toString(double)} of the values written lately, which is what a JSON generator writes for
 * a double, kept as UTF-8 ready to copy. On Java 17 that conversion is half the cost of writing a reading.
 * Sensors report in fixed steps (millivolts, tenths of a degree), so the same few thousand values come
 * round again and again. Direct-mapped and lossy: a slot holds the last value hashed to it. Safe to share
 * between threads: an entry is immutable, so a racing reader sees a whole entry or misses.
 */
final class DoubleTexts {

    private static final int SLOT_BITS = 12;

    private final Entry[] slots = new Entry[1 << SLOT_BITS];

    private record Entry(long bits, SerializableString text) {
    }

    /** The text of a finite value, exactly as {@code Double.toString} gives it. */
    SerializableString of(double value) {
        long bits = Double.doubleToRawLongBits(value);
        int slot = (int) ((bits * 0x9E3779B97F4A7C15L) >>> (Long.SIZE - SLOT_BITS));
        Entry entry = slots[slot];
        if (entry != null && entry.bits == bits) {
            return entry.text;
        }
        SerializableString text = new SerializedString(Double.toString(value));
        slots[slot] = new Entry(bits, text);
        return text;
    }
}
