package io.firebreak.telemetry.contract;

/** One sample of a UPS, battery breaker or feeder meter; absent quantities are null. */
public record PowerSample(Boolean onBattery, Double inputV, Double outputKw, Boolean outputOn,
                          Boolean batteryBreakerClosed) implements Measurement {
}
