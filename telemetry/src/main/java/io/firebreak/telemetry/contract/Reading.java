package io.firebreak.telemetry.contract;

import java.util.Objects;

/**
 * One valid message from a sensor, as it travels inside Firebreak.
 *
 * @param source     the sender, from the MQTT topic
 * @param ts         the sample's event time, epoch milliseconds UTC
 * @param seq        the sender's sequence number, or null when it sent none
 * @param receivedAt wall-clock time ingest received it, epoch milliseconds
 * @param historical true when it arrived later than the staleness bound after {@code ts} (live mode):
 *                   stored and shown, but it cannot start a drain by itself
 * @param measurement the kind-specific content
 */
public record Reading(DeviceAddress source, long ts, Long seq, long receivedAt, boolean historical,
                      Measurement measurement) {

    public Reading {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(measurement, "measurement");
        if (seq != null && seq < 0) {
            throw new IllegalArgumentException("seq: must be >= 0, was " + seq);
        }
    }

    /** This reading marked as historical (arrived too late to start a drain). */
    public Reading asHistorical() {
        return new Reading(source, ts, seq, receivedAt, true, measurement);
    }
}
