package io.firebreak.telemetry.kafka;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;

/**
 * The values of the short JSON numbers read lately, by their text. Sensors report in fixed steps
 * ({@code 3.312}, {@code 24.8}), so the same few thousand numbers come round again and again; a hit saves
 * converting the text and boxing the value. A text of up to 8 characters (all ASCII in a JSON number) is
 * packed into a long, its key. Direct-mapped and lossy, and safe to share between threads: an entry is
 * immutable.
 */
final class NumberValues {

    private static final int SLOT_BITS = 12;
    private static final int MAX_LENGTH = Long.BYTES;

    private final Entry[] slots = new Entry[1 << SLOT_BITS];

    private record Entry(long key, Double value) {
    }

    /** The value of the number token the parser stands on, as {@code getDoubleValue} gives it. */
    Double of(JsonParser p) throws IOException {
        int length = p.getTextLength();
        if (length > MAX_LENGTH) {
            return p.getDoubleValue();
        }
        char[] chars = p.getTextCharacters();
        int offset = p.getTextOffset();
        // no JSON number has a NUL character, so texts of different lengths cannot share a key
        long key = 0;
        for (int i = offset, end = offset + length; i < end; i++) {
            key = key << 8 | chars[i];
        }
        int slot = (int) ((key * 0x9E3779B97F4A7C15L) >>> (Long.SIZE - SLOT_BITS));
        Entry entry = slots[slot];
        if (entry != null && entry.key == key) {
            return entry.value;
        }
        Double value = p.getDoubleValue();
        slots[slot] = new Entry(key, value);
        return value;
    }
}
