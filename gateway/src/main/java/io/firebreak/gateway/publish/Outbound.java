package io.firebreak.gateway.publish;

import java.util.Objects;

/** One message for the broker: its topic and its JSON payload. Published with QoS 1. */
public record Outbound(String topic, byte[] payload) {

    public Outbound {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
    }
}
