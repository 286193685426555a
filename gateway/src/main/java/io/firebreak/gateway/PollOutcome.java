package io.firebreak.gateway;

import io.firebreak.telemetry.contract.DeviceAddress;
import java.util.Map;
import java.util.Objects;

/**
 * What one poll gave for one published device: the contract fields read ({@code fields}, in payload order,
 * values are Double, Boolean, String or a List of Double with nulls), or a failure. Never both.
 */
public record PollOutcome(DeviceAddress source, Map<String, Object> fields, PollFailure failure) {

    public PollOutcome {
        Objects.requireNonNull(source, "source");
        if ((fields == null) == (failure == null)) {
            throw new IllegalArgumentException("outcome: exactly one of fields and failure, was " + fields + " / " + failure);
        }
        fields = fields == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
    }

    public static PollOutcome sample(DeviceAddress source, Map<String, Object> fields) {
        return new PollOutcome(source, fields, null);
    }

    public static PollOutcome failed(DeviceAddress source, PollFailure failure) {
        return new PollOutcome(source, null, failure);
    }

    public boolean ok() {
        return failure == null;
    }
}
