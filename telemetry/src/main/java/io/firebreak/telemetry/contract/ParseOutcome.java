package io.firebreak.telemetry.contract;

import java.util.List;
import java.util.Optional;

/**
 * What became of one MQTT message: a reading (possibly with some values left out) and the dead-letter
 * records that explain what was rejected. A message is never lost: either {@code reading} is present,
 * or {@code deadLetters} holds one whole-message record.
 */
public record ParseOutcome(Optional<Reading> reading, List<DeadLetter> deadLetters) {

    public ParseOutcome {
        deadLetters = List.copyOf(deadLetters);
        if (reading.isEmpty() && deadLetters.isEmpty()) {
            throw new IllegalArgumentException("deadLetters: a rejected message needs a reason");
        }
    }
}
