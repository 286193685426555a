package io.firebreak.telemetry.contract;

/** A gateway's retained status; {@code online=false} is also its MQTT Last Will. */
public record GatewayStatus(boolean online) implements Measurement {
}
