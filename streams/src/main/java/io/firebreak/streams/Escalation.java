package io.firebreak.streams;

import io.firebreak.streams.room.Corroboration;
import java.time.Duration;
import java.util.Objects;

/**
 * The thresholds of evidence that adds up: off-gas that is a vent, sub-threshold signs that corroborate
 * co-located gas, and warnings that keep worsening. Sources and reasoning are in docs/detection.md.
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
        Objects.requireNonNull(ventSustain, "vent_sustain");
        Objects.requireNonNull(worseningAfter, "worsening_after");
        if (ventSustain.toSeconds() < 30) {
            throw new IllegalArgumentException("detect.thresholds.vent_sustain: must be at least 30 s, was " + ventSustain);
        }
        if (worseningAfter.toSeconds() < 60) {
            throw new IllegalArgumentException("detect.thresholds.worsening_after: must be at least 60 s, was " + worseningAfter);
        }
        if (!(worseningFactor > 1)) {
            throw new IllegalArgumentException("detect.thresholds.worsening_factor: must be > 1, was " + worseningFactor);
        }
        if (!(hintFraction > 0 && hintFraction < 1)) {
            throw new IllegalArgumentException("detect.thresholds.hint_fraction: must be in (0, 1), was " + hintFraction);
        }
        if (!(corroborationScore > 0)) {
            throw new IllegalArgumentException("detect.thresholds.corroboration_score: must be > 0, was " + corroborationScore);
        }
    }

    public static Escalation defaults() {
        return new Escalation(Duration.ofMinutes(2), Duration.ofMinutes(5), 1.5, 0.5, 1.0);
    }

    /** How recent a new high must be for a warning to count as still worsening. */
    public long recentMs() {
        return worseningAfter.toMillis() / 5;
    }
}
