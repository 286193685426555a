package io.firebreak.telemetry.contract;

/** One sample of a room sensor; absent quantities are null. */
public record EnvSample(Double airT, Double rh, Double h2Ppm, Double coPpm, Double vocPpm, Double smokePctM)
        implements Measurement {
}
