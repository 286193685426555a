package io.firebreak.streams;

import io.firebreak.streams.room.Corroboration;
import io.firebreak.streams.room.Worsening;
import io.firebreak.streams.sensor.VentWatch;
import java.time.Duration;
import java.util.Objects;

/**
 * The thresholds of evidence that adds up: off-gas that is a vent, sub-threshold signs that corroborate
 * co-located gas, and warnings that keep worsening, each declared by its rule (see {@link ThresholdCatalog}). Sources and reasoning are in docs/detection.md.
 *
 * @param ventSustain        a zone's gas at or above its absolute level this long, and still rising over that
 *                           time, is a vent (electrolyte leaving a cell), not a whiff
 * @param worseningAfter     a warning whose figure keeps worsening for this long escalates to critical
 * @param worseningFactor    ...where worsening means its figure reached this multiple of where it started and
 *                           set a new high within the last fifth of {@code worseningAfter}
 * @param hintFraction       sub-threshold evidence at this fraction of its own threshold (a probe half a hot
 *                           spot above its module, a cell half a sag below its neighbours, a rack half a
 *                           warming above the room) corroborates gas in its zone
 * @param corroborationScore the score at which co-located evidence adds up to a drain (see {@link Corroboration})
 */
public record Escalation(Duration ventSustain, Duration worseningAfter, double worseningFactor, double hintFraction,
                         double corroborationScore) {

    public Escalation {
        VentWatch.VENT_SUSTAIN.check(Objects.requireNonNull(ventSustain, "vent_sustain"));
        Worsening.WORSENING_AFTER.check(Objects.requireNonNull(worseningAfter, "worsening_after"));
        Worsening.WORSENING_FACTOR.check(worseningFactor);
        Corroboration.HINT_FRACTION.check(hintFraction);
        Corroboration.CORROBORATION_SCORE.check(corroborationScore);
    }

    public static Escalation defaults() {
        return Thresholds.defaults().escalation();
    }

    /** How recent a new high must be for a warning to count as still worsening. */
    public long recentMs() {
        return worseningAfter.toMillis() / 5;
    }
}
