package io.firebreak.simulators;

/**
 * Faults of a temperature probe, as battery engineers meet them: none of them is a fire.
 */
public enum ProbeFault {
    /** Stuck at the last value it read before the fault. */
    STUCK,
    /** The sentinel a BMS reports when no probe answers: -39 C. */
    SENTINEL,
    /** A bus glitch: one sample of 150 C, one of 0.6 C, then normal; again every ten minutes. */
    GLITCH,
    /** Disconnected: the probe's value is {@code null}. */
    DROPOUT,
    /** Drifts upwards by 6 C an hour. */
    DRIFT
}
